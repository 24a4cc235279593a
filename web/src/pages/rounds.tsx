/**
 * Đợt xét: the rounds, newest first, each with its intake window, scope and status; the administrator opens a new
 * one (window, units, fields, rule pack). A round's own page (round.tsx) holds its sittings and its result lists.
 */
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { QueryStatus } from '../components/feedback';
import { Button, Field } from '../components/forms';
import { PageTitle } from '../components/layout';
import { ROUND_STATUS_VI, roundWindow, useRounds, type RoundItem } from '../components/rounds';
import { todayInVietnam } from '../format';
import { useSession } from '../session';
import { IdField } from './admin/fields';
import { AddCard, useAddForm, useUnits } from './admin/shared';

const STATUS_TAG: Record<RoundItem['status'], string> = {
  UPCOMING: 'tag-muted',
  OPEN: 'tag-ok',
  CLOSED: 'tag-bad',
};

export default function RoundsPage() {
  const { has } = useSession();
  const rounds = useRounds();
  const units = useUnits();
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  return (
    <>
      <PageTitle lead="Mỗi đợt xét có thời gian nhận hồ sơ, đơn vị, lĩnh vực và bộ quy tắc riêng; Hội đồng họp xét hồ sơ của đợt theo phiên.">
        Đợt xét sáng kiến
      </PageTitle>
      <QueryStatus query={rounds} what="danh sách đợt xét" />
      {rounds.data?.items.length === 0 && (
        <p className="card">Chưa có đợt xét nào; xã chỉ nhận hồ sơ khi có đợt xét đang mở.</p>
      )}
      {rounds.data && rounds.data.items.length > 0 && (
        <table className="responsive card">
          <caption className="visually-hidden">Các đợt xét, mới nhất trước</caption>
          <thead>
            <tr>
              <th scope="col">Đợt xét</th>
              <th scope="col">Nhận hồ sơ</th>
              <th scope="col">Phạm vi</th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {rounds.data.items.map((r) => (
              <tr key={r.id}>
                <td data-label="Đợt xét">
                  <Link to={`/dot-xet/${encodeURIComponent(r.id)}`} className="row-title">
                    {r.name}
                  </Link>
                  <div className="meta">
                    {r.standing ? 'Hồ sơ nộp ngoài các đợt xét' : `Mã ${r.id}`}
                    {r.rulePackVersion ? `; bộ quy tắc ${r.rulePackVersion}` : ''}
                  </div>
                </td>
                <td data-label="Nhận hồ sơ">{roundWindow(r)}</td>
                <td data-label="Phạm vi">
                  {r.unitIds.length === 0 ? 'Mọi đơn vị' : r.unitIds.map(unitName).join(', ')}
                  <div className="meta">{r.fields.length === 0 ? 'Mọi lĩnh vực' : r.fields.join(', ')}</div>
                </td>
                <td data-label="Tình trạng">
                  <span className={`tag ${STATUS_TAG[r.status]}`}>{ROUND_STATUS_VI[r.status]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {has('ADMIN') && <OpenRound />}
    </>
  );
}

const EMPTY = {
  id: '',
  name: '',
  opensOn: todayInVietnam(),
  closesOn: '',
  unitIds: [] as string[],
  fields: '',
  rulePackVersion: '',
};

function OpenRound() {
  const units = useUnits();
  const packs = useQuery({
    queryKey: ['admin', 'rule-packs'],
    queryFn: () => call(() => api.GET('/api/v1/admin/rule-packs')),
  });
  const { form, set, add, done, setDone } = useAddForm({
    storageKey: 'dot-xet:moi',
    empty: EMPTY,
    invalidate: ['rounds'],
    send: (f, key) =>
      call(() =>
        api.POST('/api/v1/admin/rounds', {
          body: {
            id: f.id.trim(),
            name: f.name.trim(),
            opensOn: f.opensOn,
            closesOn: f.closesOn,
            unitIds: f.unitIds,
            fields: f.fields
              .split(/[,;\n]/)
              .map((x) => x.trim())
              .filter(Boolean),
            rulePackVersion: f.rulePackVersion || null,
          },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    doneText: (r) => `Đã mở ${r.name}.`,
  });
  const toggleUnit = (id: string) =>
    set('unitIds', form.unitIds.includes(id) ? form.unitIds.filter((u) => u !== id) : [...form.unitIds, id]);
  return (
    <AddCard
      titleId="open-round-title"
      title="Mở đợt xét"
      message={add.message}
      errors={add.errors}
      fieldIds={{ id: 'nr-id', name: 'nr-name', opensOn: 'nr-opens', closesOn: 'nr-closes' }}
      done={done}
      onSubmit={() => {
        setDone(null);
        void add.submit();
      }}
    >
      <div className="inline-fields">
        <Field label="Tên đợt xét" id="nr-name" error={add.errors['name']} required>
          {(p) => <input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <IdField
          label="Mã đợt xét"
          hint="Chữ thường không dấu, số và dấu gạch ngang, ví dụ dot-2-2026."
          id="nr-id"
          error={add.errors['id']}
          value={form.id}
          onChange={(v) => set('id', v)}
        />
      </div>
      <div className="inline-fields">
        <Field label="Bắt đầu nhận hồ sơ" id="nr-opens" error={add.errors['opensOn']} required>
          {(p) => (
            <input {...p} type="date" value={form.opensOn} onChange={(e) => set('opensOn', e.target.value)} />
          )}
        </Field>
        <Field label="Kết thúc nhận hồ sơ" id="nr-closes" error={add.errors['closesOn']} required>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.closesOn}
              onChange={(e) => set('closesOn', e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Bộ quy tắc áp dụng"
          hint="Để trống: bộ quy tắc đang có hiệu lực khi nộp hồ sơ."
          id="nr-pack"
        >
          {(p) => (
            <select
              {...p}
              value={form.rulePackVersion}
              onChange={(e) => set('rulePackVersion', e.target.value)}
            >
              <option value="">Bộ quy tắc đang có hiệu lực</option>
              {(packs.data ?? []).map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend>Đơn vị được nộp hồ sơ (không chọn: mọi đơn vị)</legend>
        {(units.data ?? [])
          .filter((u) => !u.closed)
          .map((u) => (
            <label key={u.id} className="choice">
              <input
                type="checkbox"
                checked={form.unitIds.includes(u.id)}
                onChange={() => toggleUnit(u.id)}
              />
              {u.name}
            </label>
          ))}
      </fieldset>
      <Field
        label="Lĩnh vực nhận hồ sơ"
        hint="Các lĩnh vực cách nhau bởi dấu phẩy, ví dụ: Giáo dục, Y tế. Để trống: mọi lĩnh vực."
        id="nr-fields"
        error={add.errors['fields']}
      >
        {(p) => <input {...p} value={form.fields} onChange={(e) => set('fields', e.target.value)} />}
      </Field>
      <Button type="submit" pending={add.pending}>
        Mở đợt xét
      </Button>
    </AddCard>
  );
}
