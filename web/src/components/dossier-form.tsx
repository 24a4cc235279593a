/**
 * The application form (Đơn yêu cầu công nhận sáng kiến) and the description (Bản mô tả): every field, authors with
 * shares summed live, the 1-year rule explained at the date. Checked with the gateway's own zod schema before sending,
 * so a bad field shows its Vietnamese message and nothing is sent.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, type FormEvent, type ReactNode } from 'react';
import { shareTotal } from '../../../src/domain/dossier';
import { api, call } from '../api/client';
import { formatNumber, todayInVietnam } from '../format';
import { num, type DossierDraft } from './dossier-draft';
import { AuthorMatch } from './author-picker';
import { Button, ErrorSummary, Field } from './forms';

/** Id of the control for an error path (so the error summary links to it). */
export function fieldId(path: string): string {
  return `dossier-${path.replace(/^dossier\./, '').replace(/\./g, '-')}`;
}

export function DossierForm({
  value,
  onChange,
  onSubmit,
  pending,
  message,
  errors,
  submitLabel,
  lockUnit,
  extra,
  status,
}: {
  value: DossierDraft;
  onChange: (next: DossierDraft) => void;
  onSubmit: () => void;
  pending: boolean;
  message: string | null;
  errors: Record<string, string>;
  submitLabel: string;
  lockUnit?: boolean;
  extra?: ReactNode;
  status?: ReactNode;
}) {
  const units = useQuery({ queryKey: ['units'], queryFn: () => call(() => api.GET('/api/v1/units')) });
  const set = <K extends keyof DossierDraft>(key: K, v: DossierDraft[K]) => onChange({ ...value, [key]: v });
  const setAuthor = (i: number, patch: Partial<DossierDraft['authors'][number]>) =>
    set(
      'authors',
      value.authors.map((a, j) => (j === i ? { ...a, ...patch } : a)),
    );
  const total = useMemo(() => shareTotal(value.authors.map((a) => num(a.share) || 0)), [value.authors]);
  const err = (path: string) => errors[path] ?? errors[`dossier.${path}`];
  const fieldIds = Object.fromEntries(Object.keys(errors).map((p) => [p, fieldId(p)]));
  const today = todayInVietnam();
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;

  const text = (
    path: keyof DossierDraft,
    label: string,
    opts: { hint?: ReactNode; required?: boolean; long?: boolean } = {},
  ) => (
    <Field label={label} hint={opts.hint} error={err(path)} required={opts.required} id={fieldId(path)}>
      {(p) =>
        opts.long ? (
          <textarea
            {...p}
            value={value[path] as string}
            onChange={(e) => set(path, e.target.value as never)}
            rows={4}
          />
        ) : (
          <input {...p} value={value[path] as string} onChange={(e) => set(path, e.target.value as never)} />
        )
      }
    </Field>
  );
  const desc = (key: keyof DossierDraft['description'], label: string, hint: string) => (
    <Field label={label} hint={hint} error={err(`description.${key}`)} id={fieldId(`description.${key}`)}>
      {(p) => (
        <textarea
          {...p}
          rows={5}
          value={value.description[key]}
          onChange={(e) => set('description', { ...value.description, [key]: e.target.value })}
        />
      )}
    </Field>
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary message={message} errors={errors} fieldIds={fieldIds} />
      {status}
      <section className="card" aria-labelledby="s-general">
        <h2 id="s-general">1. Đơn yêu cầu công nhận sáng kiến</h2>
        {text('addressee', 'Kính gửi', { hint: 'Cơ quan được đề nghị công nhận sáng kiến.' })}
        {text('title', 'Tên sáng kiến', { required: true })}
        <Field
          label="Đơn vị đề xuất"
          error={err('unitId')}
          required
          id={fieldId('unitId')}
          hint={
            lockUnit
              ? 'Không đổi được đơn vị khi bổ sung hồ sơ.'
              : 'Đơn vị nơi sáng kiến được áp dụng; thủ trưởng đơn vị sẽ xem xét trước.'
          }
        >
          {(p) => (
            <select
              {...p}
              value={value.unitId}
              disabled={lockUnit}
              onChange={(e) => set('unitId', e.target.value)}
            >
              <option value="">— Chọn đơn vị —</option>
              {units.data?.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('field', 'Lĩnh vực áp dụng', {
          required: true,
          hint: 'Ví dụ: giáo dục, y tế, hành chính, nông nghiệp.',
        })}
        <Field
          label="Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử"
          required
          error={err('firstAppliedOn')}
          id={fieldId('firstAppliedOn')}
          hint={
            <>
              Phải trong vòng 1 năm trước ngày nộp hồ sơ (Điều 5 khoản 2 Nghị định 13/2012/NĐ-CP): hôm nay chỉ
              nhận ngày từ {yearAgo.split('-').reverse().join('/')} đến {today.split('-').reverse().join('/')}
              . Quá 1 năm thì quyền yêu cầu công nhận không còn.
            </>
          }
        >
          {(p) => (
            <input
              {...p}
              type="date"
              max={today}
              value={value.firstAppliedOn}
              onChange={(e) => set('firstAppliedOn', e.target.value)}
            />
          )}
        </Field>
        {text('summary', 'Tóm tắt nội dung sáng kiến', { required: true, long: true })}
        {text('investor', 'Chủ đầu tư tạo ra sáng kiến', { hint: 'Để trống nếu là tác giả.' })}
        <fieldset>
          <legend>Điều kiện khác</legend>
          <label className="choice">
            <input
              type="checkbox"
              checked={value.stateFunded}
              onChange={(e) => set('stateFunded', e.target.checked)}
            />
            Sáng kiến được tạo ra bằng kinh phí nhà nước
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={value.remunerationApplies}
              onChange={(e) => set('remunerationApplies', e.target.checked)}
            />
            Có trả thù lao cho tác giả (chủ đầu tư là tổ chức kinh tế hoặc đơn vị tự chủ)
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={value.firstApplicationCompleted}
              onChange={(e) => set('firstApplicationCompleted', e.target.checked)}
            />
            Đã hoàn thành áp dụng lần đầu, hồ sơ có bằng chứng (không cần theo dõi thêm)
          </label>
        </fieldset>
        {text('applicationConditions', 'Những điều kiện cần thiết để áp dụng sáng kiến', { long: true })}
        {text('expectedBenefit', 'Đánh giá lợi ích thu được (theo tác giả)', { long: true })}
        {text('participants', 'Những người tham gia áp dụng lần đầu', {
          long: true,
          hint: 'Mỗi người một dòng: họ và tên, nơi công tác.',
        })}
        {text('confidentialInfo', 'Thông tin cần được bảo mật (nếu có)', {
          long: true,
          hint: 'Chỉ người xử lý hồ sơ được xem; không công bố trong danh sách công khai.',
        })}
      </section>

      <section className="card" aria-labelledby="s-authors">
        <h2 id="s-authors">2. Tác giả, đồng tác giả</h2>
        <p className="hint">Tỷ lệ đóng góp của tất cả tác giả phải cộng lại đúng 100%.</p>
        {value.authors.map((a, i) => (
          <fieldset key={i} className="author">
            <legend>{i === 0 ? 'Tác giả' : `Đồng tác giả ${i}`}</legend>
            <div className="inline-fields">
              <Field
                label="Họ và tên"
                required
                error={err(`authors.${i}.fullName`)}
                id={fieldId(`authors.${i}.fullName`)}
              >
                {(p) => (
                  <>
                    <input
                      {...p}
                      autoComplete="name"
                      value={a.fullName}
                      readOnly={!!a.personId}
                      onChange={(e) => setAuthor(i, { fullName: e.target.value })}
                    />
                    <AuthorMatch
                      name={a.fullName}
                      personId={a.personId}
                      onPick={(person) =>
                        setAuthor(i, {
                          personId: person.personId,
                          fullName: person.fullName,
                          workplace: a.workplace || person.workplace || '',
                        })
                      }
                      onUnlink={() => setAuthor(i, { personId: undefined })}
                    />
                  </>
                )}
              </Field>
              <Field
                label="Ngày tháng năm sinh"
                error={err(`authors.${i}.birthDate`)}
                id={fieldId(`authors.${i}.birthDate`)}
              >
                {(p) => (
                  <input
                    {...p}
                    type="date"
                    value={a.birthDate}
                    onChange={(e) => setAuthor(i, { birthDate: e.target.value })}
                  />
                )}
              </Field>
              <Field
                label="Nơi công tác"
                error={err(`authors.${i}.workplace`)}
                id={fieldId(`authors.${i}.workplace`)}
              >
                {(p) => (
                  <input
                    {...p}
                    value={a.workplace}
                    onChange={(e) => setAuthor(i, { workplace: e.target.value })}
                  />
                )}
              </Field>
              <Field
                label="Chức danh"
                error={err(`authors.${i}.jobTitle`)}
                id={fieldId(`authors.${i}.jobTitle`)}
              >
                {(p) => (
                  <input
                    {...p}
                    value={a.jobTitle}
                    onChange={(e) => setAuthor(i, { jobTitle: e.target.value })}
                  />
                )}
              </Field>
              <Field
                label="Trình độ chuyên môn"
                error={err(`authors.${i}.qualification`)}
                id={fieldId(`authors.${i}.qualification`)}
              >
                {(p) => (
                  <input
                    {...p}
                    value={a.qualification}
                    onChange={(e) => setAuthor(i, { qualification: e.target.value })}
                  />
                )}
              </Field>
              <Field
                label="Tỷ lệ đóng góp (%)"
                required
                error={err(`authors.${i}.sharePercent`)}
                id={fieldId(`authors.${i}.sharePercent`)}
              >
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={a.share}
                    onChange={(e) => setAuthor(i, { share: e.target.value })}
                  />
                )}
              </Field>
            </div>
            {value.authors.length > 1 && (
              <button
                type="button"
                className="btn btn-link"
                onClick={() =>
                  set(
                    'authors',
                    value.authors.filter((_, j) => j !== i),
                  )
                }
              >
                Bỏ {i === 0 ? 'tác giả' : `đồng tác giả ${i}`}
              </button>
            )}
          </fieldset>
        ))}
        <p
          className={`share-total ${total === 100 ? 'tag tag-ok' : 'tag tag-bad'}`}
          role="status"
          aria-live="polite"
          id={fieldId('authors')}
        >
          Tổng tỷ lệ đóng góp: {formatNumber(total)}%{' '}
          {total === 100 ? '(đủ 100%)' : `(cần đúng 100%, còn ${formatNumber(100 - total)}%)`}
        </p>
        {err('authors') && <p className="error-message">{err('authors')}</p>}
        <Button
          variant="secondary"
          disabled={value.authors.length >= 20}
          onClick={() =>
            set('authors', [
              ...value.authors,
              { fullName: '', birthDate: '', workplace: '', jobTitle: '', qualification: '', share: '' },
            ])
          }
        >
          Thêm đồng tác giả
        </Button>
      </section>

      <section className="card" aria-labelledby="s-description">
        <h2 id="s-description">3. Bản mô tả sáng kiến</h2>
        {desc(
          'priorState',
          'Tình trạng giải pháp đã biết',
          'Mô tả ngắn gọn cách làm trước đây, ưu và nhược điểm.',
        )}
        {desc('purpose', 'Mục đích của giải pháp', 'Vấn đề cần giải quyết.')}
        {desc('content', 'Nội dung giải pháp', 'Các bước thực hiện, điểm mới so với cách làm trước.')}
        {desc('applicability', 'Khả năng áp dụng', 'Có thể áp dụng ở đâu, điều kiện cần.')}
        {desc('effectComparison', 'Hiệu quả so với trước', 'Số liệu trước và sau khi áp dụng, nếu có.')}
      </section>
      {extra}
      <div className="actions-row">
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
