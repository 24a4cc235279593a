/** Stage 4, REWARD_DECISION: recognition or refusal with reasons, reward level, remuneration schedule, appeal. */
import { appealUpdate, decideRecognitionUpdate } from '../../src/contracts/initiative';
import { addDuration, addVnMonths } from '../../src/domain/duration';
import { rewardLevelFor } from '../../src/domain/rule-pack';
import { refuse, type Case } from '../case';
import { onUpdate, requireAllowed, requireText } from '../guards';
import { startReplication } from './replication-follow-up';
import { vnYear } from '../../src/domain/duration';
import { describeAuthority, isValidAuthority, recordedAuthority } from '../../src/domain/signing';

/** The chairman's decision is due by the decision clock. */
export function startDecision(c: Case): void {
  c.enter(
    'REWARD_DECISION',
    'DECISION',
    { role: 'CHAIRMAN', description: 'Chủ tịch UBND xã quyết định công nhận hoặc từ chối công nhận' },
    null,
  );
}

/** Registers the stage's updates. */
export function registerRewardDecision(c: Case): void {
  onUpdate(
    c,
    decideRecognitionUpdate,
    (args) => {
      const { actor, outcome, reasons } = args;
      const now = c.now();
      const decidedAt = new Date(now).toISOString();
      const authority = recordedAuthority(args);
      const signerTitle = authority.office;
      const signer = describeAuthority(authority);
      if (outcome === 'REFUSE') {
        c.state.decision = {
          outcome: 'REFUSED',
          reasons: reasons!,
          decidedAt,
          decidedBy: actor.personId,
          signerTitle,
          signer: authority,
          rewardLevel: null,
          rewardVnd: null,
        };
        if (c.state.appeal) {
          c.close(
            'REJECTED',
            actor,
            `Giữ nguyên quyết định từ chối công nhận sau khiếu nại: ${reasons}`,
            'APPEAL_UPHELD',
          );
          return;
        }
        c.record('REFUSED', actor, `Từ chối công nhận sáng kiến (${signer}): ${reasons}`, {
          reasons,
          signerTitle,
          signer: authority,
        });
        c.enter(
          'REWARD_DECISION',
          'APPEAL_WINDOW',
          {
            role: 'SUBMITTER',
            personIds: [c.state.filedBy.personId],
            description: 'Tác giả có thể khiếu nại quyết định từ chối trong thời hạn',
          },
          c.pack.complaintWindow.value,
        );
        return;
      }
      const mean = c.state.meanScore ?? 0;
      const level = rewardLevelFor(c.pack, mean, c.state.effect?.verdict ?? 'EFFECTIVE');
      c.state.decision = {
        outcome: 'RECOGNISED',
        reasons: reasons ?? null,
        decidedAt,
        decidedBy: actor.personId,
        signerTitle,
        signer: authority,
        rewardLevel: level?.key ?? null,
        rewardVnd: level?.amountVnd ?? null,
      };
      if (c.state.dossier.remunerationApplies) {
        const r = c.pack.remuneration.value;
        c.state.remunerationSchedule = Array.from({ length: r.years }, (_, i) => ({
          year: i + 1,
          dueBy: new Date(addDuration(addVnMonths(now, 12 * (i + 1)), r.payWithin, c.holidays)).toISOString(),
          percentOfBenefit: r.percentOfBenefit,
          ...(r.reminderLeadDays !== undefined ? { reminderLeadDays: r.reminderLeadDays } : {}),
        }));
      }
      c.record(
        'RECOGNISED',
        actor,
        `Công nhận sáng kiến (${signer}); mức khen thưởng: ${level?.label ?? 'không có'}`,
        {
          signerTitle,
          signer: authority,
          rewardLevel: level?.key ?? null,
          rewardVnd: level?.amountVnd ?? null,
          meanScore: mean,
          // One achievement per author and initiative for the year-end emulation review; never counted twice.
          achievements: c.state.dossier.authors.map((a) => ({
            personId: a.personId ?? null,
            fullName: a.fullName,
            sharePercent: a.sharePercent,
          })),
          // The year in Vietnam: a recognition at 06:00 on 1 January counts for the new year.
          year: vnYear(Date.parse(decidedAt)),
          remunerationSchedule: c.state.remunerationSchedule,
        },
      );
      startReplication(c);
    },
    {
      check: ({ actor, outcome, reasons, signer, signerTitle }) => {
        requireAllowed(c, actor, 'decision');
        if (outcome !== 'RECOGNISE' && outcome !== 'REFUSE')
          refuse('INVALID_INPUT', 'Quyết định không hợp lệ.');
        if (
          signer !== undefined
            ? !isValidAuthority(signer)
            : signerTitle !== 'CHU_TICH' && signerTitle !== 'PHO_CHU_TICH'
        )
          refuse('INVALID_INPUT', 'Chức danh người ký không hợp lệ.');
        // NĐ13 Art. 7.1b: a refusal states its reasons in writing.
        if (outcome === 'REFUSE') requireText(reasons, 'lý do từ chối công nhận bằng văn bản');
        if (outcome === 'RECOGNISE' && c.state.councilRecommended !== true) {
          refuse('COUNCIL_DID_NOT_RECOMMEND', 'Hội đồng sáng kiến không đề nghị công nhận hồ sơ này.');
        }
      },
    },
  );

  onUpdate(
    c,
    appealUpdate,
    ({ actor, grounds }) => {
      c.state.appeal = { filedAt: new Date(c.now()).toISOString(), filedBy: actor.personId, grounds };
      c.record('APPEALED', actor, `Khiếu nại quyết định từ chối: ${grounds}`, { grounds });
      c.state.decision = null;
      startDecision(c);
    },
    {
      check: ({ actor, grounds }) => {
        requireAllowed(c, actor, 'appeal');
        if (c.state.appeal) refuse('APPEAL_NOT_ALLOWED', 'Hồ sơ đã được khiếu nại một lần.');
        requireText(grounds, 'nội dung khiếu nại');
      },
    },
  );
}
