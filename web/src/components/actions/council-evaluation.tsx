/**
 * Actions of the council-evaluation stage (workflows/stages/council-evaluation.ts): forming the council, each
 * member's score sheet, and the meeting's minutes and votes. (Conflict declaration is a reason form: reason-form.tsx.)
 */
import { Choice } from '../choice';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { formatNumber } from '../../format';
import { POSITION_VI } from '../../labels';
import { Field, usePersistentState } from '../forms';
import { ActionForm, post, TextArea, type P } from './shared';

export function Council({ view, onDone }: P) {
  const id = view.initiativeId;
  const councils = useQuery({
    queryKey: ['councils'],
    queryFn: () => call(() => api.GET('/api/v1/admin/councils')),
  });
  const [councilId, setCouncilId] = useState('');
  const chosen = councils.data?.find((c) => c.id === councilId);
  return (
    <ActionForm
      id="council"
      title="Thành lập Hội đồng sáng kiến"
      intro={<p>Giao hồ sơ cho Hội đồng thường trực; thành viên là tác giả sẽ tự động không chấm điểm.</p>}
      submitLabel="Giao Hội đồng"
      onDone={onDone}
      send={async (key) => {
        if (!councilId) return { councilId: 'Chọn Hội đồng' };
        await post('/api/v1/initiatives/{id}/council', id, key, { councilId });
        return 'Đã giao Hội đồng; thành viên được mời chấm điểm.';
      }}
    >
      {(errors) => (
        <>
          <Field label="Hội đồng" error={errors['councilId']} id="council-councilId" required>
            {(p) => (
              <select {...p} value={councilId} onChange={(e) => setCouncilId(e.target.value)}>
                <option value="">— Chọn Hội đồng —</option>
                {councils.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {chosen && (
            <ul className="meta">
              {chosen.members.map((m) => (
                <li key={m.personId}>
                  {m.fullName} — {POSITION_VI[m.position] ?? m.position}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </ActionForm>
  );
}

export function Scores({ view, onDone }: P) {
  const id = view.initiativeId;
  const rubric = view.rubric ?? [];
  const [values, setValues] = usePersistentState<Record<string, string>>(`scores:${id}`, {});
  const [comment, setComment] = usePersistentState(`scores-c:${id}`, '');
  const total = rubric.reduce((s, r) => s + (Number((values[r.key] ?? '').replace(',', '.')) || 0), 0);
  return (
    <ActionForm
      id="scores"
      title="Phiếu chấm điểm"
      intro={
        <p>
          Chấm độc lập theo bộ tiêu chí phiên bản {view.rulePackVersion}. Điểm của thành viên khác được ẩn đến
          khi mọi người chấm xong. Đã gửi thì không sửa được.
        </p>
      }
      submitLabel="Gửi phiếu chấm"
      onDone={onDone}
      send={async (key) => {
        const errors: Record<string, string> = {};
        const scores: Record<string, number> = {};
        for (const r of rubric) {
          const raw = (values[r.key] ?? '').replace(',', '.').trim();
          const n = Number(raw);
          if (!raw) errors[`scores.${r.key}`] = `Chấm điểm "${r.label}"`;
          else if (!Number.isFinite(n) || n < 0 || n > r.max)
            errors[`scores.${r.key}`] = `"${r.label}" từ 0 đến ${r.max} điểm`;
          else scores[r.key] = n;
        }
        if (Object.keys(errors).length) return errors;
        await post('/api/v1/initiatives/{id}/scores', id, key, {
          scores,
          ...(comment.trim() ? { comment } : {}),
        });
        return 'Đã gửi phiếu chấm điểm.';
      }}
    >
      {(errors) => (
        <>
          {rubric.map((r) => (
            <Field
              key={r.key}
              label={`${r.label} (tối đa ${r.max} điểm)`}
              error={errors[`scores.${r.key}`]}
              id={`scores-scores-${r.key}`}
              required
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={0}
                  max={r.max}
                  step="0.5"
                  inputMode="decimal"
                  value={values[r.key] ?? ''}
                  onChange={(e) => setValues({ ...values, [r.key]: e.target.value })}
                />
              )}
            </Field>
          ))}
          <p role="status" className="tag">
            Tổng: {formatNumber(total)} / {rubric.reduce((s, r) => s + r.max, 0)} điểm
          </p>
          <TextArea id="scores" name="comment" label="Nhận xét" value={comment} onChange={setComment} />
        </>
      )}
    </ActionForm>
  );
}

export function Meeting({ view, onDone }: P) {
  const id = view.initiativeId;
  const members = view.council?.members ?? [];
  const voters = members.filter((m) => !view.council!.recused.includes(m.personId));
  const [present, setPresent] = usePersistentState<string[]>(`mt-p:${id}`, () =>
    members.map((m) => m.personId),
  );
  const [votes, setVotes] = usePersistentState<Record<string, 'AGREE' | 'DISAGREE' | 'ABSTAIN'>>(
    `mt-v:${id}`,
    {},
  );
  const [scope, setScope] = useState<'UNIT' | 'PROVINCE'>('UNIT');
  const [minutes, setMinutes] = usePersistentState(`mt-m:${id}`, '');
  // Where the rule pack leaves it to the council, the minutes say which mode it chose at this meeting.
  const chooses = view.votingMode === 'CHOSEN_AT_MEETING';
  const [chosen, setChosen] = useState<'SHOW_OF_HANDS' | 'SECRET_BALLOT'>('SHOW_OF_HANDS');
  const secret = chooses ? chosen === 'SECRET_BALLOT' : view.votingMode === 'SECRET_BALLOT';
  const [ballot, setBallot] = usePersistentState(`mt-b:${id}`, { agree: '', disagree: '', abstain: '' });
  const quorum = Math.ceil((members.length * 2) / 3);
  return (
    <ActionForm
      id="meeting"
      title="Biên bản họp Hội đồng"
      intro={
        <p>
          Cần ít nhất {quorum}/{members.length} thành viên có mặt (2/3) để biểu quyết. Hiện có mặt{' '}
          {present.length}.
        </p>
      }
      submitLabel="Ký, gửi biên bản"
      onDone={onDone}
      send={async (key) => {
        if (!minutes.trim()) return { minutes: 'Ghi nội dung biên bản họp' };
        const v = Object.fromEntries(Object.entries(votes).filter(([pid]) => present.includes(pid)));
        const counts = {
          agree: Number(ballot.agree),
          disagree: Number(ballot.disagree),
          abstain: Number(ballot.abstain),
        };
        if (secret && Object.values(counts).some((n) => !Number.isInteger(n) || n < 0))
          return { 'ballot.agree': 'Ghi số phiếu (số nguyên, từ 0)' };
        await post('/api/v1/initiatives/{id}/meeting', id, key, {
          present,
          ...(secret ? { ballot: counts } : { votes: v }),
          ...(chooses ? { votingMode: chosen } : {}),
          proposedScope: scope,
          minutes,
        });
        return 'Đã lập biên bản họp Hội đồng.';
      }}
    >
      {(errors) => (
        <>
          {chooses && (
            <Choice
              name="voting-mode"
              legend="Hình thức biểu quyết Hội đồng đã chọn"
              options={[
                ['SHOW_OF_HANDS', 'Biểu quyết công khai (ghi biểu quyết của từng thành viên)'],
                ['SECRET_BALLOT', 'Bỏ phiếu kín (chỉ ghi số phiếu)'],
              ]}
              value={chosen}
              onChange={setChosen}
            />
          )}
          <fieldset>
            <legend>Thành viên có mặt và biểu quyết</legend>
            {members.map((m) => {
              const here = present.includes(m.personId);
              const recused = !voters.includes(m);
              return (
                <div key={m.personId} className="vote-row">
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={here}
                      onChange={(e) =>
                        setPresent(
                          e.target.checked
                            ? [...present, m.personId]
                            : present.filter((x) => x !== m.personId),
                        )
                      }
                    />
                    {m.fullName} ({POSITION_VI[m.position] ?? m.position}) có mặt
                  </label>
                  {here && !recused && !secret && (
                    <label>
                      <span className="visually-hidden">Biểu quyết của {m.fullName}</span>
                      <select
                        value={votes[m.personId] ?? ''}
                        onChange={(e) => setVotes({ ...votes, [m.personId]: e.target.value as 'AGREE' })}
                      >
                        <option value="">— Biểu quyết —</option>
                        <option value="AGREE">Đồng ý công nhận</option>
                        <option value="DISAGREE">Không đồng ý</option>
                        <option value="ABSTAIN">Không biểu quyết</option>
                      </select>
                    </label>
                  )}
                  {recused && <span className="tag tag-muted">Không biểu quyết (xung đột lợi ích)</span>}
                </div>
              );
            })}
          </fieldset>
          {secret && (
            <fieldset id="meeting-ballot">
              <legend>Kết quả bỏ phiếu kín (chỉ ghi số phiếu)</legend>
              {errors['ballot.agree'] && <p className="error-message">{errors['ballot.agree']}</p>}
              {(
                [
                  ['agree', 'Phiếu đồng ý công nhận'],
                  ['disagree', 'Phiếu không đồng ý'],
                  ['abstain', 'Phiếu không biểu quyết'],
                ] as const
              ).map(([k, label]) => (
                <label key={k} className="field">
                  <span>{label}</span>
                  <input
                    type="number"
                    min={0}
                    step={1}
                    inputMode="numeric"
                    value={ballot[k]}
                    onChange={(e) => setBallot({ ...ballot, [k]: e.target.value })}
                  />
                </label>
              ))}
            </fieldset>
          )}
          <Choice
            name="scope"
            legend="Phạm vi đề nghị"
            options={[
              ['UNIT', 'Có hiệu quả trong phạm vi cơ sở'],
              ['PROVINCE', 'Đề nghị xét phạm vi ảnh hưởng cấp tỉnh'],
            ]}
            value={scope}
            onChange={setScope}
          />
          <TextArea
            id="meeting"
            name="minutes"
            label="Nội dung biên bản"
            value={minutes}
            onChange={setMinutes}
            error={errors['minutes']}
            required
          />
        </>
      )}
    </ActionForm>
  );
}
