/** Stage 3, EFFECT_TRACKING: periodic effect reports against a baseline, confirmation and verdict, decision clock. */
import {
  completeFirstApplicationUpdate,
  confirmEffectUpdate,
  submitEffectReportUpdate,
  type Actor,
} from '../../src/contracts/initiative';
import { addDuration, vnDate, vnStartOfDay } from '../../src/domain/duration';
import { refuse, type Case } from '../case';
import { onUpdate, requireAllowed, requireText } from '../guards';
import { startDecision } from './reward-decision';

/** After the council recommends: the tracking period, or straight to confirmation when first application is proven. */
export function startEffectTracking(c: Case): void {
  const now = c.now();
  const proven = c.state.dossier.firstApplicationCompleted === true;
  const hol = c.holidays;
  const period = c.pack.trackingPeriod.value;
  const ends = proven ? now : addDuration(now, period, hol);
  const firstDue = addDuration(now, c.pack.reportingInterval.value, hol);
  c.state.effect = {
    startedAt: new Date(now).toISOString(),
    trackingEndsAt: new Date(ends).toISOString(),
    nextReportDueAt: proven ? null : new Date(Math.min(firstDue, ends)).toISOString(),
    reports: [],
    firstApplicationCompletedAt: proven ? new Date(now).toISOString() : null,
    verdict: null,
    confirmedAt: null,
    missedReports: 0,
  };
  c.record(
    'TRACKING_STARTED',
    null,
    proven
      ? 'Hồ sơ đã chứng minh áp dụng lần đầu hoàn tất: chuyển sang xác nhận hiệu quả'
      : `Bắt đầu theo dõi hiệu quả áp dụng đến ${c.state.effect.trackingEndsAt}`,
    { trackingEndsAt: c.state.effect.trackingEndsAt },
  );
  if (proven) startConfirmation(c);
  else
    c.enter(
      'EFFECT_TRACKING',
      'EFFECT_REPORTING',
      {
        role: 'UNIT_HEAD',
        unitId: c.state.dossier.unitId,
        description: 'Đơn vị báo cáo hiệu quả áp dụng định kỳ',
      },
      period,
      now,
    );
}

/** The tracking period has ended: the unit head confirms the effect and gives the verdict. */
export function startConfirmation(c: Case): void {
  c.enter(
    'EFFECT_TRACKING',
    'EFFECT_CONFIRMATION',
    {
      role: 'UNIT_HEAD',
      unitId: c.state.dossier.unitId,
      description: 'Thủ trưởng đơn vị xác nhận hiệu quả áp dụng',
    },
    c.pack.confirmationSla.value,
  );
}

/** The next report is due one interval later (or at the end of tracking); null when tracking is over. */
export function advanceReportDue(c: Case): void {
  const effect = c.state.effect!;
  if (!effect.nextReportDueAt) return;
  const next = addDuration(Date.parse(effect.nextReportDueAt), c.pack.reportingInterval.value, c.holidays);
  const ends = Date.parse(effect.trackingEndsAt);
  effect.nextReportDueAt =
    Date.parse(effect.nextReportDueAt) >= ends ? null : new Date(Math.min(next, ends)).toISOString();
}

/**
 * The decision clock runs 3 months from acceptance, or from completion of first application when that is later
 * (NĐ13 Art. 7.1): re-anchor it at completion.
 */
function reanchorDecisionClock(c: Case, actor: Actor | null, completedAtMs: number): void {
  const accepted = Date.parse(c.state.acceptedAt!);
  if (completedAtMs <= accepted || !c.state.decisionClock) return;
  c.state.decisionClock = c.deadline('DECISION_CLOCK', completedAtMs, c.pack.decisionClock.value);
  c.record(
    'DECISION_CLOCK_REANCHORED',
    actor,
    `Thời hạn xét công nhận tính lại từ ngày hoàn thành áp dụng lần đầu: đến ${c.state.decisionClock.dueAt}`,
    {
      decisionDueAt: c.state.decisionClock.dueAt,
    },
  );
}

/** Registers the stage's updates. */
export function registerEffectTracking(c: Case): void {
  onUpdate(
    c,
    submitEffectReportUpdate,
    ({ actor, periodEnd, metrics, monetaryBenefitVnd, evidenceRefs, note }) => {
      const effect = c.state.effect!;
      effect.reports.push({
        reportedAt: new Date(c.now()).toISOString(),
        reportedBy: actor.personId,
        periodEnd,
        metrics,
        ...(monetaryBenefitVnd !== undefined ? { monetaryBenefitVnd } : {}),
        evidenceRefs,
        ...(note ? { note } : {}),
      });
      c.record('EFFECT_REPORTED', actor, `Báo cáo hiệu quả kỳ đến ${periodEnd} (${metrics.length} chỉ số)`, {
        periodEnd,
        metrics,
        monetaryBenefitVnd,
        evidenceRefs,
      });
      if (
        c.state.step === 'EFFECT_REPORTING' &&
        effect.nextReportDueAt &&
        Date.parse(effect.nextReportDueAt) > c.now()
      ) {
        advanceReportDue(c);
      }
    },
    {
      check: ({ actor, periodEnd, metrics, monetaryBenefitVnd, evidenceRefs }) => {
        requireAllowed(c, actor, 'effect-reports');
        if (typeof periodEnd !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(periodEnd)) {
          refuse('INVALID_INPUT', 'Kỳ báo cáo phải là ngày dạng YYYY-MM-DD.');
        }
        if (!Array.isArray(metrics) || metrics.length === 0) {
          refuse('INVALID_INPUT', 'Cần ít nhất một chỉ số so với mức ban đầu.');
        }
        for (const m of metrics) {
          if (!m.name || !Number.isFinite(m.baseline) || !Number.isFinite(m.value)) {
            refuse('INVALID_INPUT', 'Mỗi chỉ số cần tên, giá trị ban đầu và giá trị hiện tại.');
          }
        }
        if (
          monetaryBenefitVnd !== undefined &&
          !(Number.isFinite(monetaryBenefitVnd) && monetaryBenefitVnd >= 0)
        ) {
          refuse('INVALID_INPUT', 'Số tiền làm lợi không hợp lệ.');
        }
        if (!Array.isArray(evidenceRefs)) refuse('INVALID_INPUT', 'Danh sách minh chứng không hợp lệ.');
      },
    },
  );

  onUpdate(
    c,
    completeFirstApplicationUpdate,
    ({ actor, completedOn }) => {
      const effect = c.state.effect!;
      const atMs = vnStartOfDay(completedOn);
      effect.firstApplicationCompletedAt = new Date(atMs).toISOString();
      c.record('FIRST_APPLICATION_COMPLETED', actor, `Hoàn thành áp dụng lần đầu ngày ${completedOn}`, {
        completedOn,
      });
      reanchorDecisionClock(c, actor, atMs);
    },
    {
      check: ({ actor, completedOn }) => {
        requireAllowed(c, actor, 'first-application');
        if (typeof completedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(completedOn)) {
          refuse('INVALID_INPUT', 'Ngày hoàn thành phải có dạng YYYY-MM-DD.');
        }
        if (completedOn < c.state.dossier.firstAppliedOn || completedOn > vnDate(c.now())) {
          refuse('INVALID_INPUT', 'Ngày hoàn thành phải sau ngày áp dụng lần đầu và không ở tương lai.');
        }
      },
    },
  );

  onUpdate(
    c,
    confirmEffectUpdate,
    ({ actor, verdict, summary }) => {
      const effect = c.state.effect!;
      const now = c.now();
      effect.verdict = verdict;
      effect.confirmedAt = new Date(now).toISOString();
      c.record(
        'EFFECT_CONFIRMED',
        actor,
        `Xác nhận hiệu quả áp dụng: ${verdict === 'EFFECTIVE' ? 'có hiệu quả' : 'không hiệu quả'}. ${summary}`,
        { verdict, summary, reports: effect.reports.length },
      );
      if (!effect.firstApplicationCompletedAt) {
        effect.firstApplicationCompletedAt = effect.confirmedAt;
        reanchorDecisionClock(c, actor, now);
      }
      startDecision(c);
    },
    {
      check: ({ actor, verdict, summary }) => {
        requireAllowed(c, actor, 'effect-confirmation');
        // The clock and the reports: a page offers the confirmation once a report is in (src/domain/permissions.ts).
        const effect = c.state.effect!;
        if (c.now() < Date.parse(effect.trackingEndsAt)) {
          refuse(
            'TRACKING_NOT_FINISHED',
            `Chưa hết thời gian theo dõi hiệu quả (đến ${effect.trackingEndsAt}).`,
          );
        }
        if (c.state.dossier.firstApplicationCompleted !== true && effect.reports.length === 0) {
          refuse('INVALID_INPUT', 'Cần ít nhất một báo cáo hiệu quả trước khi xác nhận.');
        }
        if (verdict !== 'EFFECTIVE' && verdict !== 'NOT_EFFECTIVE')
          refuse('INVALID_INPUT', 'Kết luận không hợp lệ.');
        requireText(summary, 'nội dung xác nhận hiệu quả');
      },
    },
  );
}
