/**
 * The points in time a case waits for (step reminders and expiry, the decision clock, effect reports, replication
 * checkpoints) and what each does when it falls. Pure state logic: who waits for them is the driver (workflows/driver.ts).
 */
import {
  addDuration,
  CalendarGapError,
  describeDuration,
  subtractDuration,
  vnDueDay,
  vnYear,
  weekdaysWhereMissing,
  type Duration,
} from '../src/domain/duration';
import { type Case, STEP_DEADLINES } from './case';
import { advanceReportDue, startConfirmation } from './stages/effect-tracking';
import { rollUpCheckpoint } from './stages/replication-follow-up';

/** A timer point: when it falls and what it does. */
export interface TimerPoint {
  at: number;
  fire: () => void;
}

/** Every pending timer of the case: step reminders and expiry, the decision clock, effect reports, checkpoints. */
export function timerPoints(c: Case): TimerPoint[] {
  const s = c.state;
  const points: TimerPoint[] = [];
  const step = s.deadline;
  if (step) {
    const rule = STEP_DEADLINES[s.step];
    for (const p of c.pendingPoints(step, rule.remind)) {
      points.push({
        at: p.at,
        fire: () => {
          step.fired.push(p.key);
          if (p.key !== 'expiry')
            return c.remind(null, `Nhắc hạn xử lý: ${s.waitingOn?.description ?? s.step}`);
          onStepExpiry(c, rule.onExpiry);
        },
      });
    }
    if (
      s.step === 'AMENDMENT' &&
      step.fired.includes('expiry') &&
      step.dueAt &&
      !step.fired.includes('grace')
    ) {
      const graceEnds = after(c, Date.parse(step.dueAt), c.pack.amendmentGrace.value);
      points.push({
        at: graceEnds,
        fire: () => {
          step.fired.push('grace');
          c.close(
            'WITHDRAWN',
            null,
            'Hồ sơ không được bổ sung trong thời hạn sau lần nhắc cuối: coi như rút hồ sơ',
            'AMENDMENT_TIMED_OUT',
          );
        },
      });
    }
  }
  const clock = s.decisionClock;
  if (clock && !s.decision && s.stage !== 'REPLICATION_FOLLOW_UP') {
    for (const p of c.pendingPoints(clock, true)) {
      points.push({
        at: p.at,
        fire: () => {
          clock.fired.push(p.key);
          if (p.key === 'expiry')
            c.escalate(
              clock,
              `thời hạn ${describeDuration(c.pack.decisionClock.value)} xét công nhận (Điều 7.1 Nghị định 13/2012/NĐ-CP)`,
            );
          else c.remind(null, `Thời hạn xét công nhận đến ${vnDueDay(Date.parse(clock.dueAt!))}`);
        },
      });
    }
  }
  const effect = s.effect;
  if (s.step === 'EFFECT_REPORTING' && effect?.nextReportDueAt && step) {
    const due = Date.parse(effect.nextReportDueAt);
    const reminderKey = `report-reminder:${effect.nextReportDueAt}`;
    const remindAt = before(c, due, c.pack.reportReminderLead.value);
    if (!step.fired.includes(reminderKey) && remindAt > Date.parse(effect.startedAt)) {
      points.push({
        at: remindAt,
        fire: () => {
          step.fired.push(reminderKey);
          c.remind(null, `Sắp đến hạn báo cáo hiệu quả (${vnDueDay(due)})`);
        },
      });
    }
    points.push({
      at: due,
      fire: () => {
        const reported = effect.reports.some(
          (r) => Date.parse(r.reportedAt) > before(c, due, c.pack.reportingInterval.value),
        );
        if (!reported) {
          effect.missedReports++;
          c.escalate(step, `báo cáo hiệu quả kỳ đến ${vnDueDay(due)}`);
        }
        advanceReportDue(c);
        c.state.revision++;
      },
    });
  }
  const rep = s.replication;
  if (rep && s.status === 'OPEN') {
    const index = rep.checkpoints.findIndex((cp) => !cp.done);
    const cp = rep.checkpoints[index];
    if (cp) points.push({ at: Date.parse(cp.dueAt), fire: () => rollUpCheckpoint(c, index) });
  }
  return points;
}

function onStepExpiry(c: Case, rule: (typeof STEP_DEADLINES)[keyof typeof STEP_DEADLINES]['onExpiry']): void {
  const step = c.state.deadline!;
  switch (rule) {
    case 'ESCALATE':
      return c.escalate(step, c.state.waitingOn?.description ?? c.state.step);
    case 'FINAL_REMINDER_THEN_WITHDRAW':
      c.remind(null, 'Nhắc lần cuối: hết hạn bổ sung hồ sơ; nếu không bổ sung, hồ sơ sẽ được coi như rút');
      return;
    case 'CLOSE_REJECTED':
      return c.close(
        'REJECTED',
        null,
        'Hết thời hạn khiếu nại; quyết định từ chối công nhận có hiệu lực',
        'APPEAL_WINDOW_CLOSED',
      );
    case 'END_TRACKING':
      c.record('TRACKING_ENDED', null, 'Kết thúc thời gian theo dõi hiệu quả áp dụng');
      return startConfirmation(c);
    case 'NONE':
      return;
  }
}

/**
 * `d` after an instant, on the case's calendar; a year without days off yet counts Monday–Friday, so that a grace
 * period or a reminder is never lost (the step's own due date already told the supervisor about the gap).
 */
function after(c: Case, fromMs: number, d: Duration): number {
  try {
    return addDuration(fromMs, d, c.holidays);
  } catch (err) {
    if (!(err instanceof CalendarGapError)) throw err;
    return addDuration(fromMs, d, weekdaysNear(c, fromMs));
  }
}

/** `d` before an instant, on the case's calendar (as `after`). */
function before(c: Case, dueMs: number, d: Duration): number {
  try {
    return subtractDuration(dueMs, d, c.holidays);
  } catch (err) {
    if (!(err instanceof CalendarGapError)) throw err;
    return subtractDuration(dueMs, d, weekdaysNear(c, dueMs));
  }
}

function weekdaysNear(c: Case, ms: number) {
  return weekdaysWhereMissing(c.holidays, vnYear(ms) - 1, vnYear(ms) + 1);
}
