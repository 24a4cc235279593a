/** One adopting unit's replication case: adoption plan, its own effect reports and confirmation (child workflow). */
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../src/contracts/initiative';
import type { LegalEntryDraft } from '../src/contracts/records';
import {
  confirmAdoptionUpdate,
  getReplicationStateQuery,
  newAdoptionState,
  replicationWorkflowId,
  submitAdoptionPlanUpdate,
  submitAdoptionReportUpdate,
  type ReplicationInput,
  type ReplicationResult,
  type ReplicationState,
} from '../src/contracts/replication';
import { addDuration, reminderInstants } from '../src/domain/duration';
import { records } from './activity-proxies';
import { settled } from './driver';
import { requireActor } from './guards';

function refuse(code: string, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

/** Runs one adoption until the adopting unit confirms its effect, or the initiative's follow-up ends. */
export async function replicationWorkflow(input: ReplicationInput): Promise<ReplicationResult> {
  const caseId = replicationWorkflowId(input.initiativeId, input.unitId);
  const state = newAdoptionState(input.initiativeId, input.unitId);

  const outbox: LegalEntryDraft[] = [];
  let seq = 0;
  const record = (
    kind: string,
    actor: Actor | null,
    summary: string,
    details: Record<string, unknown> = {},
  ) => {
    outbox.push({
      seq: ++seq,
      at: new Date().toISOString(),
      kind,
      stage: 'REPLICATION_FOLLOW_UP',
      step: state.step,
      actorId: actor?.personId ?? 'system',
      actorName: actor?.fullName ?? 'Hệ thống',
      summary,
      details,
      rulePackVersion: '',
    });
    state.revision++;
  };
  let stepStart = Date.now();
  const setDue = () => {
    stepStart = Date.now();
    try {
      state.dueAt = new Date(addDuration(Date.now(), input.stepSla, input.holidays)).toISOString();
    } catch {
      state.dueAt = null;
    }
    state.escalated = false;
  };
  // The revision of the state the read model holds.
  let written = -1;
  const requireUnitHead = (actor: Actor) => {
    if (!actor.roles.includes('UNIT_HEAD'))
      refuse('FORBIDDEN_ROLE', 'Chỉ thủ trưởng đơn vị nhân rộng được thực hiện.');
    if (!actor.unitIds.includes(input.unitId))
      refuse('OUT_OF_SCOPE', 'Bạn không phải thủ trưởng đơn vị nhân rộng này.');
  };

  /**
   * An adoption decision: checked when it comes (only other decisions change the step, and they run in the order
   * they came), answered with the state once the read model holds it.
   */
  const onAdoption = <Args extends [{ actor: Actor }]>(
    def: UpdateDefinition<ReplicationState, Args>,
    apply: (...args: Args) => void,
    options: { validator: (...args: Args) => void },
  ) =>
    setHandler(
      def,
      async (...args: Args) => {
        apply(...args);
        const answer = JSON.parse(JSON.stringify(state)) as ReplicationState;
        // Not cancelled when the initiative's follow-up ends meanwhile: the end writes everything, this decision too.
        await CancellationScope.nonCancellable(() => condition(() => written >= answer.revision));
        return answer;
      },
      {
        validator: (...args: Args) => {
          requireActor(args[0]?.actor);
          options.validator(...args);
        },
      },
    );

  // Before any handler: messages buffered with the start are delivered as soon as their handler is set.
  record(
    'ADOPTION_STARTED',
    input.designatedBy,
    `Bắt đầu nhân rộng sáng kiến "${input.title}" tại đơn vị ${input.unitId}`,
  );
  setDue();
  setHandler(getReplicationStateQuery, () => state);
  onAdoption(
    submitAdoptionPlanUpdate,
    ({ actor, startDate, plan }) => {
      state.plan = { startDate, plan, submittedBy: actor.personId };
      state.step = 'REPORTING';
      record('ADOPTION_PLANNED', actor, `Kế hoạch nhân rộng, bắt đầu ${startDate}`, { startDate, plan });
      setDue();
    },
    {
      validator: ({ actor, startDate, plan }) => {
        if (state.step !== 'PLAN') refuse('WRONG_STEP', 'Kế hoạch đã được nộp.');
        requireUnitHead(actor);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate ?? ''))
          refuse('INVALID_INPUT', 'Ngày bắt đầu phải có dạng YYYY-MM-DD.');
        if (typeof plan !== 'string' || plan.trim() === '')
          refuse('REASONS_REQUIRED', 'Cần nêu kế hoạch nhân rộng.');
      },
    },
  );
  onAdoption(
    submitAdoptionReportUpdate,
    ({ actor, periodEnd, metrics, monetaryBenefitVnd, evidenceRefs, note }) => {
      state.reports.push({
        reportedAt: new Date().toISOString(),
        reportedBy: actor.personId,
        periodEnd,
        metrics,
        ...(monetaryBenefitVnd !== undefined ? { monetaryBenefitVnd } : {}),
        evidenceRefs,
        ...(note ? { note } : {}),
      });
      record('ADOPTION_REPORTED', actor, `Báo cáo hiệu quả nhân rộng kỳ đến ${periodEnd}`, {
        metrics,
        evidenceRefs,
      });
    },
    {
      validator: ({ actor, metrics }) => {
        if (state.step !== 'REPORTING') refuse('WRONG_STEP', 'Cần nộp kế hoạch nhân rộng trước.');
        requireUnitHead(actor);
        if (!Array.isArray(metrics) || metrics.length === 0)
          refuse('INVALID_INPUT', 'Cần ít nhất một chỉ số.');
      },
    },
  );
  onAdoption(
    confirmAdoptionUpdate,
    ({ actor, verdict, summary }) => {
      state.verdict = verdict;
      state.confirmation = { summary, at: new Date().toISOString(), by: actor.personId };
      state.step = 'CONFIRMED';
      state.dueAt = null;
      record(
        'ADOPTION_CONFIRMED',
        actor,
        `Đơn vị nhân rộng xác nhận: ${verdict === 'EFFECTIVE' ? 'có hiệu quả' : 'không hiệu quả'}`,
        {
          verdict,
          summary,
        },
      );
    },
    {
      validator: ({ actor, verdict, summary }) => {
        if (state.step !== 'REPORTING') refuse('WRONG_STEP', 'Chưa đến bước xác nhận.');
        requireUnitHead(actor);
        if (state.reports.length === 0)
          refuse('INVALID_INPUT', 'Cần ít nhất một báo cáo hiệu quả trước khi xác nhận.');
        if (verdict !== 'EFFECTIVE' && verdict !== 'NOT_EFFECTIVE')
          refuse('INVALID_INPUT', 'Kết luận không hợp lệ.');
        if (typeof summary !== 'string' || summary.trim() === '')
          refuse('REASONS_REQUIRED', 'Cần nêu nội dung xác nhận.');
      },
    },
  );

  const flush = async () => {
    while (outbox.length > 0 || written < state.revision) {
      const batch = outbox.splice(0);
      const revision = state.revision;
      // A write is never cancelled halfway: the initiative closing (which cancels this workflow) must not cancel the
      // write in flight, or its entries would be lost from the legal record.
      await CancellationScope.nonCancellable(() =>
        records.recordCase({
          caseId,
          initiativeId: input.initiativeId,
          adoption: JSON.parse(JSON.stringify(state)) as ReplicationState,
          entries: batch,
          task: taskOf(state, caseId),
        }),
      );
      written = revision;
    }
  };

  try {
    const fired = new Set<string>();
    while (state.step !== 'CONFIRMED') {
      await flush();
      const rev = state.revision;
      const due = state.dueAt ? Date.parse(state.dueAt) : undefined;
      const points = due
        ? [
            ...reminderInstants(stepStart, due, input.reminderFractions).map((at, i) => ({
              key: `${state.dueAt}:r${i}`,
              at,
            })),
            { key: `${state.dueAt}:expiry`, at: due },
          ].filter((p) => !fired.has(p.key))
        : [];
      const next = points.sort((a, b) => a.at - b.at)[0];
      // The confirmation may have arrived while flush() was writing: wake for it too, not only for a later change.
      const changedFn = () => state.revision !== rev || outbox.length > 0 || state.step === 'CONFIRMED';
      const timeout = next ? Math.max(1, next.at - Date.now()) : undefined;
      const fell = await timerFellUnchanged(changedFn, timeout);
      if (fell && next) {
        fired.add(next.key);
        if (next.key.endsWith('expiry')) {
          state.escalated = true;
          record(
            'ESCALATED',
            null,
            `Đơn vị ${input.unitId} quá hạn báo cáo nhân rộng; đã báo cáo cán bộ thi đua – khen thưởng`,
          );
        } else {
          state.reminders++;
          record('REMINDER', null, `Nhắc đơn vị ${input.unitId} thực hiện bước ${state.step}`);
        }
      }
    }
    await flush();
    return {
      unitId: input.unitId,
      status: state.verdict === 'EFFECTIVE' ? 'CONFIRMED' : 'NOT_EFFECTIVE',
      verdict: state.verdict,
      reports: state.reports.length,
    };
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // The initiative's follow-up ended (or it was revoked): record the end outside the cancelled scope.
    state.step = 'ENDED';
    record('ADOPTION_ENDED', null, 'Kết thúc theo dõi nhân rộng cùng sáng kiến gốc');
    await CancellationScope.nonCancellable(flush);
    return { unitId: input.unitId, status: 'ENDED', verdict: state.verdict, reports: state.reports.length };
  }
}

/**
 * Waits for a change (`changed` turns true) or the timer; true when the timer fell and nothing changed. Decided once the
 * task's jobs have all run (workflows/driver.ts, `settled`), so a timer and an update that arrive in the same workflow
 * task give the same answer whatever their order in the activation: the change wins, and the point fires next time.
 */
async function timerFellUnchanged(changed: () => boolean, timeoutMs: number | undefined): Promise<boolean> {
  let fell = false;
  return CancellationScope.cancellable(async () => {
    try {
      const timer = timeoutMs === undefined ? [] : [sleep(timeoutMs).then(() => (fell = true))];
      await Promise.race([...timer, condition(changed)]);
      await settled();
      return fell && !changed();
    } finally {
      CancellationScope.current().cancel();
    }
  });
}

function taskOf(state: ReplicationState, caseId: string) {
  if (state.step === 'CONFIRMED' || state.step === 'ENDED') return null;
  return {
    key: `${caseId}:${state.step}`,
    role: 'UNIT_HEAD' as const,
    unitId: state.unitId,
    description:
      state.step === 'PLAN' ? 'Lập kế hoạch nhân rộng sáng kiến' : 'Báo cáo và xác nhận hiệu quả nhân rộng',
    dueAt: state.dueAt,
  };
}
