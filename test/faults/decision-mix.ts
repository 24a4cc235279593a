/**
 * Drives one initiative through the API as the demo people would, with a seeded random mix of decisions: the next
 * decision is chosen from the step the case is in (read from the last answer, or from the case when a timer moves
 * it), and each decision is sent by the person whose job it is.
 */
import type { FaultClient } from './client';
import { rng } from './random';

/** The demo people's usernames and person ids. */
export const PERSON_ID: Record<string, string> = {
  'giaovien.thcs': 'p-gv-thcs',
  yta: 'p-yta',
  'hieutruong.thcs': 'p-ht-thcs',
  'truongtram.yte': 'p-tt-yte',
  'hieutruong.mamnon': 'p-ht-mamnon',
  thuky: 'p-thuky',
  chutich: 'p-chutich',
  phochutich: 'p-phochutich',
  uyvien1: 'p-uyvien1',
  uyvien2: 'p-uyvien2',
  giamsat: 'p-giamsat',
};
export const USERS = Object.keys(PERSON_ID);
const COUNCIL = ['chutich', 'thuky', 'uyvien1', 'uyvien2'];

/** The legal-record entry kinds one accepted request of each intent writes (by the requesting person). */
export const EFFECT_KINDS: Record<string, string[]> = {
  file: ['FILED'],
  'unit-review:ENDORSE': ['UNIT_ENDORSED'],
  'unit-review:RETURN': ['AMENDMENT_REQUESTED'],
  'unit-review:DECLINE': ['UNIT_DECLINED'],
  amendment: ['AMENDED'],
  withdrawal: ['WITHDRAWN'],
  registration: ['REGISTERED'],
  'formal-check:ACCEPT': ['ACCEPTED'],
  'formal-check:REQUEST_AMENDMENT': ['AMENDMENT_REQUESTED'],
  'formal-check:NOT_ACCEPT': ['NOT_ACCEPTED'],
  council: ['COUNCIL_FORMED'],
  scores: ['SCORED'],
  meeting: ['COUNCIL_RECOMMENDED', 'COUNCIL_NOT_RECOMMENDED', 'MEETING_NO_QUORUM'],
  'effect-reports': ['EFFECT_REPORTED'],
  'effect-confirmation': ['EFFECT_CONFIRMED'],
  'decision:RECOGNISE': ['RECOGNISED'],
  'decision:REFUSE': ['REFUSED', 'APPEAL_UPHELD'],
  replication: ['REPLICATION_DESIGNATED'],
  // Written to the adopting unit's own record (its child workflow), counted with the initiative's.
  'adoption-plan': ['ADOPTION_PLANNED'],
  'adoption-report': ['ADOPTION_REPORTED'],
  'adoption-confirmation': ['ADOPTION_CONFIRMED'],
};

/** The unit that adopts an initiative in the mix, and its head. */
export const ADOPTING_UNIT = { unitId: 'truong-mam-non', head: 'hieutruong.mamnon' };

/** Steps where nobody acts until a timer (or nothing more is driven). */
const FINAL_STEPS = new Set(['CLOSED', 'APPEAL_WINDOW']);

/** What one case's driving did. */
export interface DriveResult {
  caseId: string | null;
  lastStep: string;
  decisions: number;
}

/** Options of the mix. */
export interface DriveOptions {
  seed: number;
  index: number;
  /** Probability that a request is re-sent after its answer with the same key. */
  replayRate: number;
  /** Probability that a request is sent twice at once with the same key. */
  duplicateRate: number;
  /** How long to wait for a timer to move a case. */
  timerWaitMs: number;
}

/** Drives case `index` as far as its random mix takes it. */
export async function driveCase(client: FaultClient, o: DriveOptions): Promise<DriveResult> {
  const r = rng(o.seed * 100_003 + o.index);
  const school = r() < 0.7;
  const submitter = school ? 'giaovien.thcs' : 'yta';
  const head = school ? 'hieutruong.thcs' : 'truongtram.yte';
  const dossier = {
    title: `Sáng kiến thử nghiệm số ${o.index} (${school ? 'trường THCS' : 'trạm y tế'})`,
    unitId: school ? 'truong-thcs' : 'tram-y-te',
    field: school ? 'Giáo dục' : 'Y tế',
    firstAppliedOn: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Số hoá một quy trình giấy tờ để giảm thời gian xử lý cho người dân và cán bộ.',
    authors: [
      {
        personId: PERSON_ID[submitter],
        fullName: school ? 'Nguyễn Thị Hương Trà' : 'Trần Văn Nam',
        sharePercent: 100,
      },
    ],
  };
  const flags = () => ({ replay: r() < o.replayRate, concurrentDuplicate: r() < o.duplicateRate });
  // A third of the filings name their own id (the client-chosen id of the API); the rest rely on the key alone.
  const ownId = r() < 0.3 ? `fi-${o.seed}-${o.index}` : undefined;
  const filed = await client.post(
    submitter,
    '/api/v1/initiatives',
    { ...(ownId ? { id: ownId } : {}), ...dossier },
    { caseId: ownId ?? null, intent: 'file', ...flags() },
  );
  const existing =
    filed.answer?.status === 409 && filed.answer.body?.code === 'INITIATIVE_ALREADY_EXISTS' && ownId;
  if (filed.answer?.status !== 201 && !existing)
    return { caseId: ownId ?? null, lastStep: 'NOT_FILED', decisions: 0 };
  const id = existing ? ownId : String(filed.answer!.body.id);
  filed.record.caseId = id;
  const base = `/api/v1/initiatives/${encodeURIComponent(id)}`;
  const lowScores = r() < 0.15;
  let refuse = r() < 0.15;
  const notEffective = r() < 0.1;
  const disagree = r() < 0.1;
  const replicate = r() < 0.7;
  const scored = new Set<string>();
  let step = 'UNIT_REVIEW';
  let amendRounds = 0;
  let reported = false;
  let decisions = 0;
  let gaveUp = false;

  const send = async (who: string, action: string, body: unknown, intent: string) => {
    const { answer } = await client.post(who, `${base}/${action}`, body, { caseId: id, intent, ...flags() });
    decisions++;
    if (!answer) gaveUp = true;
    // A council that did not recommend leaves the chairman only a refusal.
    if (answer?.body?.code === 'COUNCIL_DID_NOT_RECOMMEND') refuse = true;
    if (answer?.status === 200 && typeof answer.body?.state?.step === 'string') {
      step = answer.body.state.step;
      return true;
    }
    return false;
  };
  const refresh = async () => {
    const a = await client.get('giamsat', base);
    if (a?.status === 200 && typeof a.body?.step === 'string') step = a.body.step;
  };

  for (let guard = 0; guard < 40; guard++) {
    if (FINAL_STEPS.has(step) || gaveUp) break;
    let ok = true;
    switch (step) {
      case 'UNIT_REVIEW': {
        const x = r();
        if (x < 0.04)
          ok = await send(
            submitter,
            'withdrawal',
            { reason: 'Tác giả rút để hoàn thiện thêm' },
            'withdrawal',
          );
        else if (x < 0.1)
          ok = await send(
            head,
            'unit-review',
            { outcome: 'DECLINE', reasons: 'Chưa đủ điều kiện' },
            'unit-review:DECLINE',
          );
        else if (x < 0.25 && amendRounds < 1) {
          amendRounds++;
          ok = await send(
            head,
            'unit-review',
            { outcome: 'RETURN', items: ['Bổ sung số liệu trước và sau khi áp dụng'] },
            'unit-review:RETURN',
          );
        } else
          ok = await send(
            head,
            'unit-review',
            { outcome: 'ENDORSE', confirmedApplication: true },
            'unit-review:ENDORSE',
          );
        break;
      }
      case 'AMENDMENT':
        if (r() < 0.1)
          ok = await send(submitter, 'withdrawal', { reason: 'Không bổ sung được số liệu' }, 'withdrawal');
        else ok = await send(submitter, 'amendment', { dossier, note: 'Đã bổ sung số liệu' }, 'amendment');
        break;
      case 'REGISTRATION':
        ok = await send('thuky', 'registration', {}, 'registration');
        break;
      case 'FORMAL_CHECK': {
        const x = r();
        if (x < 0.05)
          ok = await send(
            'thuky',
            'formal-check',
            { outcome: 'NOT_ACCEPT', reasons: 'Không thuộc đối tượng' },
            'formal-check:NOT_ACCEPT',
          );
        else if (x < 0.15 && amendRounds < 2) {
          amendRounds++;
          ok = await send(
            'thuky',
            'formal-check',
            { outcome: 'REQUEST_AMENDMENT', items: ['Thiếu xác nhận của đơn vị'] },
            'formal-check:REQUEST_AMENDMENT',
          );
        } else ok = await send('thuky', 'formal-check', { outcome: 'ACCEPT' }, 'formal-check:ACCEPT');
        break;
      }
      case 'COUNCIL_FORMATION':
        ok = await send('chutich', 'council', { councilId: 'hdsk-2026' }, 'council');
        break;
      case 'SCORING': {
        // The members score at the same time, as they would from their own offices.
        const todo = COUNCIL.filter((m) => !scored.has(m));
        if (todo.length === 0) {
          await refresh();
          if (step === 'SCORING') ok = false;
          break;
        }
        const scores = lowScores
          ? { novelty: 10, applicability: 12, effect: 9, replicability: 3 }
          : { novelty: 26, applicability: 27, effect: 25, replicability: 8 };
        const results = await Promise.all(
          todo.map(async (m) => {
            const { answer } = await client.post(
              m,
              `${base}/scores`,
              { scores },
              { caseId: id, intent: 'scores', ...flags() },
            );
            decisions++;
            if (!answer) gaveUp = true;
            else scored.add(m); // accepted, or refused for good: either way this member is done
            return answer;
          }),
        );
        const last = results.filter((a) => a?.status === 200).at(-1);
        if (scored.size === COUNCIL.length) await refresh();
        else if (!last) ok = false;
        break;
      }
      case 'MEETING': {
        const votes = Object.fromEntries(
          COUNCIL.map((m, i) => [PERSON_ID[m], disagree && i > 0 ? 'DISAGREE' : 'AGREE']),
        );
        ok = await send(
          'thuky',
          'meeting',
          {
            present: COUNCIL.map((m) => PERSON_ID[m]),
            votes,
            proposedScope: 'UNIT',
            minutes: 'Hội đồng họp và biểu quyết.',
          },
          'meeting',
        );
        break;
      }
      case 'EFFECT_REPORTING':
        if (!reported) {
          reported = await send(
            head,
            'effect-reports',
            {
              periodEnd: new Date().toISOString().slice(0, 10),
              metrics: [{ name: 'Thời gian xử lý', unit: 'giờ/tuần', baseline: 10, value: 3 }],
              monetaryBenefitVnd: 2_000_000,
              evidenceRefs: ['bien-ban.pdf'],
            },
            'effect-reports',
          );
          ok = reported;
        }
        if (step === 'EFFECT_REPORTING') {
          // The tracking period is a timer: wait for the case to move to the confirmation.
          const deadline = Date.now() + o.timerWaitMs;
          while (step === 'EFFECT_REPORTING' && Date.now() < deadline) {
            await new Promise((res) => setTimeout(res, 1_000));
            await refresh();
          }
          if (step === 'EFFECT_REPORTING') return { caseId: id, lastStep: step, decisions };
        }
        break;
      case 'EFFECT_CONFIRMATION':
        ok = await send(
          head,
          'effect-confirmation',
          {
            verdict: notEffective ? 'NOT_EFFECTIVE' : 'EFFECTIVE',
            summary: 'Đơn vị xác nhận kết quả áp dụng.',
          },
          'effect-confirmation',
        );
        break;
      case 'DECISION': {
        const signer = r() < 0.5 ? 'chutich' : 'phochutich';
        const signerTitle = signer === 'chutich' ? 'CHU_TICH' : 'PHO_CHU_TICH';
        ok = refuse
          ? await send(
              signer,
              'decision',
              { outcome: 'REFUSE', signerTitle, reasons: 'Chưa đạt yêu cầu về hiệu quả' },
              'decision:REFUSE',
            )
          : await send(signer, 'decision', { outcome: 'RECOGNISE', signerTitle }, 'decision:RECOGNISE');
        break;
      }
      case 'REPLICATION': {
        // The chairman designates a unit to adopt it; its head plans, reports and confirms in the unit's own case
        // (a child workflow), racing the initiative's checkpoints, which end the adoption when they close the case.
        if (!replicate) return { caseId: id, lastStep: step, decisions };
        const { unitId, head: adopter } = ADOPTING_UNIT;
        await send('chutich', 'replication', { unitIds: [unitId], similarUnitsTotal: 3 }, 'replication');
        const adoption = [
          [
            'plan',
            { startDate: new Date().toISOString().slice(0, 10), plan: 'Áp dụng cho toàn trường' },
            'adoption-plan',
          ],
          [
            'reports',
            {
              periodEnd: new Date().toISOString().slice(0, 10),
              metrics: [{ name: 'Thời gian xử lý', unit: 'giờ/tuần', baseline: 8, value: 4 }],
            },
            'adoption-report',
          ],
          [
            'confirmation',
            { verdict: 'EFFECTIVE', summary: 'Áp dụng có hiệu quả tại trường.' },
            'adoption-confirmation',
          ],
        ] as const;
        for (const [action, body, intent] of adoption) {
          const { answer } = await client.post(adopter, `${base}/replications/${unitId}/${action}`, body, {
            caseId: id,
            intent,
            ...flags(),
          });
          decisions++;
          if (answer?.status !== 200) break;
        }
        return { caseId: id, lastStep: step, decisions };
      }
      default:
        return { caseId: id, lastStep: step, decisions };
    }
    // A refusal (the case moved on, e.g. by a timer) or no answer: look at the case and go on from there.
    if (!ok) await refresh();
  }
  return { caseId: id, lastStep: step, decisions };
}
