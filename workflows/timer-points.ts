/**
 * The points in time a case waits for (step reminders and expiry, the decision clock, effect reports, replication
 * checkpoints) and what each does when it falls. Pure state logic: who waits for them is the driver (workflows/driver.ts).
 */
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
      const graceEnds = Date.parse(step.dueAt) + graceMs(c);
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
            c.escalate(clock, 'thời hạn 3 tháng xét công nhận (Điều 7.1 Nghị định 13/2012/NĐ-CP)');
          else c.remind(null, `Thời hạn xét công nhận đến ${clock.dueAt}`);
        },
      });
    }
  }
  const effect = s.effect;
  if (s.step === 'EFFECT_REPORTING' && effect?.nextReportDueAt && step) {
    const due = Date.parse(effect.nextReportDueAt);
    const reminderKey = `report-reminder:${effect.nextReportDueAt}`;
    const lead = c.pack.reportReminderLead.value;
    const leadMs =
      'seconds' in lead ? lead.seconds * 1000 : 'days' in lead ? lead.days * 86_400_000 : 3 * 86_400_000;
    if (!step.fired.includes(reminderKey) && due - leadMs > Date.parse(effect.startedAt)) {
      points.push({
        at: due - leadMs,
        fire: () => {
          step.fired.push(reminderKey);
          c.remind(null, `Sắp đến hạn báo cáo hiệu quả (${effect.nextReportDueAt})`);
        },
      });
    }
    points.push({
      at: due,
      fire: () => {
        const reported = effect.reports.some((r) => Date.parse(r.reportedAt) > due - intervalMs(c));
        if (!reported) {
          effect.missedReports++;
          c.escalate(step, `báo cáo hiệu quả kỳ đến ${effect.nextReportDueAt}`);
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

function graceMs(c: Case): number {
  const g = c.pack.amendmentGrace.value;
  if ('seconds' in g) return g.seconds * 1000;
  if ('days' in g) return g.days * 86_400_000;
  if ('months' in g) return g.months * 30 * 86_400_000;
  // Working days: a calendar week per 5 working days is close enough for a grace period after the final reminder.
  return Math.ceil((g.workingDays * 7) / 5) * 86_400_000;
}

function intervalMs(c: Case): number {
  const i = c.pack.reportingInterval.value;
  if ('seconds' in i) return i.seconds * 1000;
  if ('days' in i) return i.days * 86_400_000;
  if ('months' in i) return i.months * 30 * 86_400_000;
  return i.workingDays * 86_400_000;
}
