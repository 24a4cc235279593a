/** Quản trị › Bộ quy tắc › Ban hành: a new version from a copy of another; the old one stays as it was. */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import type { RulePack } from '../../../../src/domain/rule-pack';
import { Button, ErrorSummary, Field, useAction, usePersistentState } from '../../components/forms';
import { RuleInput } from './rule-input';
import { completePack, FRACTION_KEYS, isDuration, RULE_KEYS, type RuleKey } from './rule-values';
import { firstSegment } from './shared';

/** The next version's name: the last number raised by one ("2026.1" → "2026.2"). */
function nextVersion(v: string): string {
  const m = /^(.*?)(\d+)$/.exec(v);
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${v}-2`;
}
/** Tomorrow at 00:00 in Vietnam, as the value of a datetime-local input. */
function tomorrowLocal(): string {
  const d = new Date(Date.now() + 7 * 3600_000 + 86_400_000);
  return `${d.toISOString().slice(0, 10)}T00:00`;
}

type Draft = Record<RuleKey, string>;
function draftOf(p: RulePack): Draft {
  const out = {} as Draft;
  for (const k of RULE_KEYS) {
    const v = p[k]?.value as unknown;
    out[k] = isDuration(v)
      ? JSON.stringify(v)
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v, null, 2);
  }
  return out;
}

export function PublishPack({
  from: given,
  onCancel,
  onPublished,
}: {
  from: RulePack;
  onCancel: () => void;
  onPublished: (version: string) => void;
}) {
  const from = completePack(given);
  const queries = useQueryClient();
  const [form, setForm, clear] = usePersistentState(`quan-tri:bo-quy-tac:${from.version}`, () => ({
    version: nextVersion(from.version),
    effectiveFrom: tomorrowLocal(),
    description: from.description,
    values: draftOf(from),
  }));
  const [local, setLocal] = useState<Record<string, string>>({});
  const setValue = (k: RuleKey, v: string) => setForm((f) => ({ ...f, values: { ...f.values, [k]: v } }));

  const build = (): { pack?: RulePack; errors: Record<string, string> } => {
    const errors: Record<string, string> = {};
    const pack = structuredClone(from) as unknown as Record<string, unknown>;
    pack['version'] = form.version.trim();
    pack['description'] = form.description.trim();
    if (!/^[A-Za-z0-9._-]{1,40}$/.test(form.version.trim()))
      errors['version'] = 'Tên phiên bản gồm chữ, số, dấu chấm, gạch ngang; tối đa 40 ký tự';
    if (!form.description.trim()) errors['description'] = 'Nêu mô tả của phiên bản';
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(form.effectiveFrom))
      errors['effectiveFrom'] = 'Chọn ngày giờ hiệu lực';
    else pack['effectiveFrom'] = `${form.effectiveFrom}:00+07:00`;
    for (const k of RULE_KEYS) {
      const old = from[k].value as unknown;
      const text = form.values[k];
      let value: unknown;
      if (typeof old === 'boolean') value = text === 'true';
      else if (typeof old === 'number') {
        value = Number(text);
        if (text.trim() === '' || !Number.isFinite(value)) errors[k] = 'Nhập một số';
        else if (FRACTION_KEYS.has(k) && ((value as number) <= 0 || (value as number) > 1))
          errors[k] = 'Tỷ lệ phải lớn hơn 0 và không quá 1';
      } else {
        try {
          value = JSON.parse(text);
          if (isDuration(old) && !isDuration(value)) errors[k] = 'Thời hạn không hợp lệ';
        } catch {
          errors[k] = 'Giá trị JSON không đọc được; kiểm tra dấu ngoặc và dấu phẩy';
        }
      }
      pack[k] = { ...from[k], value };
    }
    return { pack: pack as unknown as RulePack, errors };
  };

  const publish = useAction(async (key) => {
    const { pack } = build();
    const r = await call(() =>
      api.POST('/api/v1/admin/rule-packs', {
        body: pack as unknown as NonNullable<
          paths['/api/v1/admin/rule-packs']['post']['requestBody']
        >['content']['application/json'],
        headers: { 'Idempotency-Key': key },
      }),
    );
    await queries.invalidateQueries({ queryKey: ['admin', 'rule-packs'] });
    clear();
    onPublished(r.version);
    return r;
  });
  const submit = () => {
    const { errors } = build();
    setLocal(errors);
    if (Object.keys(errors).length === 0) void publish.submit();
  };
  const errors = { ...firstSegment(publish.errors), ...local };
  const fieldIds = Object.fromEntries(
    ['version', 'effectiveFrom', 'description', ...RULE_KEYS].map((k) => [k, `rp-${k}`]),
  );

  return (
    <form
      noValidate
      className="publish-pack"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h4>Ban hành phiên bản mới (bản sao của {from.version})</h4>
      <p className="notice">
        Phiên bản {from.version} giữ nguyên cho các hồ sơ đã nộp theo nó. Phiên bản mới áp dụng cho hồ sơ nộp
        từ ngày hiệu lực.
      </p>
      <ErrorSummary message={publish.message} errors={errors} fieldIds={fieldIds} />
      <div className="inline-fields">
        <Field label="Tên phiên bản mới" id="rp-version" error={errors['version']} required>
          {(p) => (
            <input
              {...p}
              value={form.version}
              onChange={(e) => setForm({ ...form, version: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Hiệu lực từ (giờ Việt Nam)"
          id="rp-effectiveFrom"
          error={errors['effectiveFrom']}
          required
        >
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={form.effectiveFrom}
              onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field label="Mô tả" id="rp-description" error={errors['description']} required>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        )}
      </Field>
      {RULE_KEYS.map((k) => (
        <RuleInput
          key={k}
          ruleKey={k}
          old={from[k].value}
          basis={from[k].basis}
          text={form.values[k]}
          onChange={(v) => setValue(k, v)}
          error={errors[k]}
        />
      ))}
      <div className="actions-row">
        <Button type="submit" pending={publish.pending} pendingText="Đang ban hành…">
          Ban hành phiên bản mới
        </Button>
        <button
          type="button"
          className="btn btn-link"
          onClick={() => {
            clear();
            onCancel();
          }}
        >
          Hủy
        </button>
      </div>
    </form>
  );
}
