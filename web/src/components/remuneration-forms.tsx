/**
 * The forms of the case page's "Thù lao" section (remuneration.tsx), for the head of the investing unit: a year's
 * amount (from its benefit, or from the wage when the benefit cannot be calculated) and one payment to one author
 * with its evidence.
 */
import { useState } from 'react';
import { minimumOwed } from '../../../src/domain/remuneration';
import { api, call, upload } from '../api/client';
import type { paths } from '../api/schema';
import { formatDate, formatMoney, todayInVietnam } from '../format';
import { ActionForm } from './actions/shared';
import { Choice } from './choice';
import { Field } from './forms';

/** The ledger as GET /api/v1/initiatives/{id}/remuneration answers it. */
export type Ledger =
  paths['/api/v1/initiatives/{id}/remuneration']['get']['responses']['200']['content']['application/json'];

/** A sum of đồng typed the Vietnamese way ("1.500.000"), or NaN. */
function parseVnd(s: string): number {
  const t = s.replace(/[.\s]/g, '').replace(/đ$/i, '');
  return /^\d+$/.test(t) ? Number(t) : NaN;
}

/** The head's form to set a year's amount: from the year's benefit, or from the wage when it cannot be calculated. */
export function AssessmentForm({
  id,
  ledger,
  onDone,
}: {
  id: string;
  ledger: Ledger;
  onDone: (t: string) => void;
}) {
  const first = ledger.years.find((y) => y.status === 'NOT_ASSESSED') ?? ledger.years[0]!;
  const [year, setYear] = useState(String(first.year));
  const [basis, setBasis] = useState<'BENEFIT' | 'NOT_CALCULABLE' | ''>('');
  const [benefit, setBenefit] = useState('');
  const [wage, setWage] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const y = ledger.years.find((x) => String(x.year) === year)!;
  const base = basis === 'BENEFIT' ? parseVnd(benefit) : basis === 'NOT_CALCULABLE' ? parseVnd(wage) : NaN;
  const minimum =
    Number.isFinite(base) && basis
      ? minimumOwed(
          basis === 'BENEFIT'
            ? { basis, benefitVnd: base }
            : { basis: 'NOT_CALCULABLE', referenceWageVnd: base },
          y.percentOfBenefit,
        )
      : null;
  return (
    <ActionForm
      id="thu-lao-xac-dinh"
      title="Xác định số tiền thù lao của năm"
      intro={
        <p className="hint">
          Theo tiền làm lợi của năm (không thấp hơn {y.percentOfBenefit}%), hoặc khi không tính được tiền làm
          lợi, theo mức lương làm căn cứ (không thấp hơn {ledger.wageFloorMultiple} lần).
        </p>
      }
      submitLabel="Lưu số tiền thù lao"
      onDone={onDone}
      send={async (key) => {
        const errors: Record<string, string> = {};
        if (!basis) errors['basis'] = 'Chọn cách xác định';
        if (basis === 'BENEFIT' && !Number.isFinite(parseVnd(benefit)))
          errors['benefitVnd'] = 'Tiền làm lợi là số đồng, ví dụ 12.000.000';
        if (basis === 'NOT_CALCULABLE' && !(parseVnd(wage) > 0))
          errors['referenceWageVnd'] = 'Mức lương làm căn cứ là số đồng, ví dụ 2.340.000';
        if (amount.trim() && !(parseVnd(amount) > 0)) errors['amountVnd'] = 'Số tiền là số đồng';
        if (Object.keys(errors).length) return errors;
        const extra = {
          ...(amount.trim() ? { amountVnd: parseVnd(amount) } : {}),
          ...(note.trim() ? { note } : {}),
        };
        const body =
          basis === 'BENEFIT'
            ? { year: Number(year), basis, benefitVnd: parseVnd(benefit), ...extra }
            : {
                year: Number(year),
                basis: 'NOT_CALCULABLE' as const,
                referenceWageVnd: parseVnd(wage),
                ...extra,
              };
        const after = await call(() =>
          api.POST('/api/v1/initiatives/{id}/remuneration/assessments', {
            params: { path: { id }, header: { 'Idempotency-Key': key } },
            body,
          }),
        );
        setBenefit('');
        setWage('');
        setAmount('');
        setNote('');
        return `Đã xác định thù lao năm thứ ${year}: ${formatMoney(after.years.find((x) => String(x.year) === year)?.owedVnd)}.`;
      }}
    >
      {(errors) => (
        <>
          <Field label="Năm áp dụng" id="thu-lao-xac-dinh-year" error={errors['year']} required>
            {(p) => (
              <select {...p} value={year} onChange={(e) => setYear(e.target.value)}>
                {ledger.years.map((x) => (
                  <option key={x.year} value={x.year}>
                    Năm thứ {x.year} (hạn chi trả {formatDate(x.dueBy)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Choice
            id="thu-lao-xac-dinh-basis"
            name="thu-lao-basis"
            legend="Cách xác định"
            options={[
              ['BENEFIT', `Theo tiền làm lợi của năm (${y.percentOfBenefit}%)`],
              ['NOT_CALCULABLE', `Không tính được tiền làm lợi (${ledger.wageFloorMultiple} lần mức lương)`],
            ]}
            value={basis}
            onChange={setBasis}
            error={errors['basis']}
          />
          {basis === 'BENEFIT' && (
            <Field
              label="Tiền làm lợi của năm (đồng)"
              hint={
                ledger.trackedBenefitVnd !== null
                  ? `Lợi ích kinh tế báo cáo trong thời gian theo dõi hiệu quả: ${formatMoney(ledger.trackedBenefitVnd)}`
                  : 'Ví dụ 12.000.000'
              }
              id="thu-lao-xac-dinh-benefitVnd"
              error={errors['benefitVnd']}
              required
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={benefit}
                  onChange={(e) => setBenefit(e.target.value)}
                />
              )}
            </Field>
          )}
          {basis === 'NOT_CALCULABLE' && (
            <Field
              label="Mức lương làm căn cứ (đồng)"
              hint="Mức lương tối thiểu chung tại thời điểm chi trả, theo xác định của bộ phận tài chính"
              id="thu-lao-xac-dinh-referenceWageVnd"
              error={errors['referenceWageVnd']}
              required
            >
              {(p) => (
                <input {...p} inputMode="numeric" value={wage} onChange={(e) => setWage(e.target.value)} />
              )}
            </Field>
          )}
          <Field
            label="Số tiền thù lao của năm (đồng)"
            hint={
              minimum !== null
                ? `Mức tối thiểu: ${formatMoney(minimum)}. Để trống để lấy mức tối thiểu.`
                : 'Để trống để lấy mức tối thiểu.'
            }
            id="thu-lao-xac-dinh-amountVnd"
            error={errors['amountVnd']}
          >
            {(p) => (
              <input {...p} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />
            )}
          </Field>
          <Field label="Ghi chú" id="thu-lao-xac-dinh-note" error={errors['note']}>
            {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
        </>
      )}
    </ActionForm>
  );
}

/** The head's form to record one payment to one author, with its evidence (a voucher number and/or its scan). */
export function PaymentForm({
  id,
  ledger,
  onDone,
}: {
  id: string;
  ledger: Ledger;
  onDone: (t: string) => void;
}) {
  const open = ledger.years.filter((y) => y.status === 'OUTSTANDING');
  const [year, setYear] = useState(String(open[0]?.year ?? ledger.years[0]!.year));
  const y = ledger.years.find((x) => String(x.year) === year)!;
  const [author, setAuthor] = useState(y.authors[0]?.key ?? '');
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(todayInVietnam());
  const [reference, setReference] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const a = y.authors.find((x) => x.key === author);
  return (
    <ActionForm
      id="thu-lao-chi-tra"
      title="Ghi nhận chi trả thù lao"
      intro={
        <p className="hint">Mỗi lần chi cho một tác giả; số tiền không vượt quá số còn phải trả của năm.</p>
      }
      submitLabel="Ghi nhận chi trả"
      onDone={onDone}
      send={async (key) => {
        const errors: Record<string, string> = {};
        const vnd = parseVnd(amount);
        if (!author) errors['authorKey'] = 'Chọn tác giả nhận';
        if (!(vnd > 0)) errors['amountVnd'] = 'Số tiền là số đồng, ví dụ 300.000';
        if (!paidOn) errors['paidOn'] = 'Chọn ngày chi';
        if (!reference.trim() && !file) errors['evidenceReference'] = 'Cần số chứng từ chi hoặc tệp chứng từ';
        if (Object.keys(errors).length) return errors;
        let attachmentId: string | undefined;
        if (file) {
          const form = new FormData();
          form.append('file', file);
          const stored = (await upload(
            `/api/v1/initiatives/${encodeURIComponent(id)}/remuneration/evidence`,
            form,
            key,
            () => undefined,
          )) as { id: string };
          attachmentId = stored.id;
        }
        await call(() =>
          api.POST('/api/v1/initiatives/{id}/remuneration/payments', {
            params: { path: { id }, header: { 'Idempotency-Key': key } },
            body: {
              year: Number(year),
              authorKey: author,
              amountVnd: vnd,
              paidOn,
              ...(reference.trim() ? { evidenceReference: reference } : {}),
              ...(attachmentId ? { evidenceAttachmentId: attachmentId } : {}),
            },
          }),
        );
        setAmount('');
        setReference('');
        setFile(null);
        setInputKey((k) => k + 1);
        return `Đã ghi nhận chi trả ${formatMoney(vnd)} cho ${a?.fullName ?? ''} (năm thứ ${year}).`;
      }}
    >
      {(errors) => (
        <>
          <Field label="Năm áp dụng" id="thu-lao-chi-tra-year" error={errors['year']} required>
            {(p) => (
              <select {...p} value={year} onChange={(e) => setYear(e.target.value)}>
                {ledger.years.map((x) => (
                  <option key={x.year} value={x.year}>
                    Năm thứ {x.year}
                    {x.outstandingVnd !== null
                      ? ` (còn phải trả ${formatMoney(x.outstandingVnd)})`
                      : ' (chưa xác định)'}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Tác giả nhận" id="thu-lao-chi-tra-authorKey" error={errors['authorKey']} required>
            {(p) => (
              <select {...p} value={author} onChange={(e) => setAuthor(e.target.value)}>
                {y.authors.map((x) => (
                  <option key={x.key} value={x.key}>
                    {x.fullName} ({x.sharePercent}%)
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Số tiền chi (đồng)"
            hint={
              a && a.outstandingVnd !== null
                ? `Còn phải trả cho tác giả: ${formatMoney(a.outstandingVnd)}`
                : undefined
            }
            id="thu-lao-chi-tra-amountVnd"
            error={errors['amountVnd']}
            required
          >
            {(p) => (
              <input {...p} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />
            )}
          </Field>
          <Field label="Ngày chi" id="thu-lao-chi-tra-paidOn" error={errors['paidOn']} required>
            {(p) => (
              <input
                {...p}
                type="date"
                max={todayInVietnam()}
                value={paidOn}
                onChange={(e) => setPaidOn(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Số chứng từ chi"
            hint="Số phiếu chi hoặc số giao dịch chuyển khoản"
            id="thu-lao-chi-tra-evidenceReference"
            error={errors['evidenceReference']}
          >
            {(p) => <input {...p} value={reference} onChange={(e) => setReference(e.target.value)} />}
          </Field>
          <Field label="Tệp chứng từ (PDF, ảnh)" id="thu-lao-chi-tra-file" error={errors['file']}>
            {(p) => (
              <input
                {...p}
                key={inputKey}
                type="file"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
        </>
      )}
    </ActionForm>
  );
}
