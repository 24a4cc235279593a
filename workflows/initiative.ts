/**
 * The initiative workflow: one durable workflow per initiative, from filing to a terminal state.
 * Decisions arrive as Updates whose handlers validate and apply the change in memory (workflows/stages/*); this main
 * path keeps time (reminders, escalations, tracking, checkpoints) and a recorder writes every change, in order, to
 * MongoDB (read model, legal record, tasks). One writer per case, so no two writes of a case race.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { getStateQuery, type InitiativeInput, type InitiativeState } from '../src/contracts/initiative';
import type { TaskDraft } from '../src/contracts/records';
import { stageKey, statusKey, unitKey } from '../src/contracts/search-attributes';
import { records } from './activity-proxies';
import { Case, STEP_DEADLINES } from './case';
import { Errands } from './errands';
import { registerCouncilEvaluation } from './stages/council-evaluation';
import { advanceReportDue, registerEffectTracking, startConfirmation } from './stages/effect-tracking';
import { registerReplicationFollowUp, rollUpCheckpoint } from './stages/replication-follow-up';
import { registerRewardDecision } from './stages/reward-decision';
import { registerSupervision } from './stages/supervision';
import { registerUnitRecommendation, startUnitReview } from './stages/unit-recommendation';

/** The patch that moved handlers' commands into errands. */
export const ERRANDS_PATCH = 'errands-outside-update-handlers';

/** Runs one initiative from filing to COMPLETED, REJECTED, WITHDRAWN or REVOKED. */
export async function initiativeWorkflow(input: InitiativeInput): Promise<InitiativeState> {
  const c = input.resume ? new Case(input.resume.state, input.pack) : Case.file(input, input.pack);
  if (!input.resume) {
    c.record('FILED', input.filedBy, `Nộp hồ sơ "${input.dossier.title}"`, {
      dossier: input.dossier,
      rulePackVersion: c.pack.version,
    });
    startUnitReview(c);
  }
  // Messages that arrived with the start are buffered and delivered as soon as their handler is set, so the case
  // must be in its first step before any handler exists, and every handler must exist before the first await.
  setHandler(getStateQuery, (viewerPersonId?: string) => redactScores(c.state, viewerPersonId));
  registerUnitRecommendation(c);
  registerCouncilEvaluation(c);
  registerEffectTracking(c);
  registerRewardDecision(c);
  registerReplicationFollowUp(c);
  registerSupervision(c);

  // Cases started by this code run their handlers' activities and child workflows as errands (workflows/errands.ts);
  // a case whose history began before keeps doing them inside the handler, as its history says.
  if (patched(ERRANDS_PATCH)) {
    c.errands = new Errands();
    void c.errands.run();
  }
  const recorder = new Recorder(c);
  void recorder.run();
  await keepTime(c, recorder);

  await condition(() => recorder.idle && allHandlersFinished());
  return c.state;
}

/** Writes the outbox in order: read model, legal-record entries, the current task. */
class Recorder {
  writing = false;
  private lastSearch = '';
  constructor(private readonly c: Case) {}

  get idle(): boolean {
    return this.c.outbox.length === 0 && !this.writing;
  }

  async run(): Promise<void> {
    for (;;) {
      await condition(() => this.c.outbox.length > 0);
      this.writing = true;
      const entries = this.c.outbox.splice(0);
      const s = this.c.state;
      const search = `${s.stage}|${s.status}`;
      if (search !== this.lastSearch) {
        this.lastSearch = search;
        upsertSearchAttributes([
          { key: stageKey, value: s.stage },
          { key: statusKey, value: s.status },
          { key: unitKey, value: s.dossier.unitId },
        ]);
      }
      await records.recordCase({
        caseId: s.initiativeId,
        initiativeId: s.initiativeId,
        readModel: s,
        entries,
        task: taskOf(s),
      });
      this.writing = false;
    }
  }
}

/** The task of whoever must act now, keyed by the step's deadline so a retried write lands on the same task. */
function taskOf(s: InitiativeState): TaskDraft | null {
  if (s.status !== 'OPEN' || !s.waitingOn) return null;
  const dueAt = s.deadline?.dueAt ?? (s.step === 'DECISION' ? (s.decisionClock?.dueAt ?? null) : null);
  return {
    key: `${s.initiativeId}:${s.deadline?.key ?? `${s.step}#${s.stage}`}`,
    role: s.waitingOn.role,
    ...(s.waitingOn.unitId ? { unitId: s.waitingOn.unitId } : {}),
    ...(s.waitingOn.councilId ? { councilId: s.waitingOn.councilId } : {}),
    ...(s.waitingOn.personIds ? { personIds: s.waitingOn.personIds } : {}),
    ...(s.waitingOn.assignee ? { assignee: s.waitingOn.assignee } : {}),
    description: s.waitingOn.description,
    dueAt,
    escalated: s.deadline?.escalated ?? false,
  };
}

/** A timer point: when it falls and what it does. */
interface TimerPoint {
  at: number;
  fire: () => void;
}

/** Every pending timer of the case: step reminders and expiry, the decision clock, effect reports, checkpoints. */
function timerPoints(c: Case): TimerPoint[] {
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

/** Waits for the next timer point or a change of state until the case closes; continues as new when history is long. */
async function keepTime(c: Case, recorder: Recorder): Promise<void> {
  while (!c.closed) {
    const rev = c.state.revision;
    const next = timerPoints(c).sort((a, b) => a.at - b.at)[0];
    const timeout = next ? Math.max(1, next.at - Date.now()) : undefined;
    const changed = await condition(() => c.state.revision !== rev, timeout);
    if (!changed && next) next.fire();
    if (workflowInfo().continueAsNewSuggested && !c.closed && canContinueAsNew(c)) {
      await condition(() => recorder.idle && allHandlersFinished());
      await continueAsNew<typeof initiativeWorkflow>({
        initiativeId: c.state.initiativeId,
        dossier: c.state.dossier,
        filedBy: c.state.filedBy,
        filedAt: c.state.filedAt,
        pack: c.pack,
        resume: { state: c.state },
      });
    }
  }
}

/** Running replication children belong to this run: continue as new only when none is running. */
function canContinueAsNew(c: Case): boolean {
  return !c.state.replication?.targets.some((t) => t.status === 'RUNNING') && !c.busy;
}

/** Members see their own score sheet; the others' stay hidden until all are in or the meeting opens. */
function redactScores(state: InitiativeState, viewerPersonId?: string): InitiativeState {
  if (state.scoresRevealed) return state;
  const scores = Object.fromEntries(Object.entries(state.scores).filter(([p]) => p === viewerPersonId));
  return { ...state, scores };
}
