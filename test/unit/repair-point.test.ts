/** Where the worker's repair resets a history, and how it checks the decisions the new run takes again (src/temporal/repair.ts). */
import { temporal } from '@temporalio/proto';
import { decisionsAfter, lastReset, resetPoint, takenAgain } from '../../src/temporal/repair';

const T = temporal.api.enums.v1.EventType;
/** A history made of event types, numbered from 1. */
const history = (...types: temporal.api.enums.v1.EventType[]) =>
  types.map((eventType, i) => temporal.api.history.v1.HistoryEvent.fromObject({ eventId: i + 1, eventType }));

// 1-4 start and first task; 5-7 the task of an update (accepted 8, completed 9, a write 10); 11-13 the next task,
// after the write's result (12 is where replay breaks); 14 a later decision accepted in that task.
const events = history(
  T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
  T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  T.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  T.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
  T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
  T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  T.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
);

test('when replay breaks at an event, then the reset point is the last completed task before it', () => {
  const message =
    'Nondeterminism error: Update machine does not handle this event: HistoryEvent(id: 10, ...)';
  expect(resetPoint(events, message)).toEqual({ mismatchEventId: 10, resetToEventId: 7 });
  expect(resetPoint(events, 'no event named here')).toBeNull();
});

/** An update event about `id`: accepted, or completed (failed or not). */
const update = (
  eventId: number,
  kind: 'accepted' | 'completed' | 'failed',
  id: string,
): temporal.api.history.v1.HistoryEvent =>
  temporal.api.history.v1.HistoryEvent.fromObject(
    kind === 'accepted'
      ? {
          eventId,
          eventType: T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
          workflowExecutionUpdateAcceptedEventAttributes: { protocolInstanceId: id },
        }
      : {
          eventId,
          eventType: T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
          workflowExecutionUpdateCompletedEventAttributes: {
            meta: { updateId: id },
            outcome: kind === 'failed' ? { failure: { message: 'refused' } } : { success: {} },
          },
        },
  );
test('when a run is reset, then every decision accepted after the reset point is one it must take again', () => {
  const old = [
    ...events.slice(0, 7),
    update(8, 'accepted', 'a'),
    ...events.slice(8, 13),
    update(14, 'accepted', 'b'),
  ];
  expect(decisionsAfter(old, 7)).toEqual(['a', 'b']);
  expect(decisionsAfter(old, 13)).toEqual(['b']);
  expect(decisionsAfter(old, 14)).toEqual([]);
});

test('when a run was made by a reset, then its history names the run it replaced and where it starts again', () => {
  const reset = temporal.api.history.v1.HistoryEvent.fromObject({
    eventId: 7,
    eventType: T.EVENT_TYPE_WORKFLOW_TASK_FAILED,
    workflowTaskFailedEventAttributes: {
      cause: temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW,
      baseRunId: 'old-run',
      newRunId: 'new-run',
    },
  });
  expect(lastReset([...events.slice(0, 6), reset])).toEqual({ eventId: 7, baseRunId: 'old-run' });
  // A task that failed for another reason is no reset.
  expect(lastReset(events)).toBeNull();
});

test('when the reset run has taken decisions again, then each one is taken, missing, or taken with another outcome', () => {
  // The old run: a completed, b refused on its merits, c completed, d accepted and never completed, e completed.
  const before = [
    update(1, 'accepted', 'a'),
    update(2, 'completed', 'a'),
    update(3, 'accepted', 'b'),
    update(4, 'failed', 'b'),
    update(5, 'accepted', 'c'),
    update(6, 'completed', 'c'),
    update(7, 'accepted', 'd'),
    update(8, 'accepted', 'e'),
    update(9, 'completed', 'e'),
  ];
  // The new run: a and b as before, d completed now, c never sent again, e refused this time.
  const after = [
    update(1, 'accepted', 'a'),
    update(2, 'completed', 'a'),
    update(3, 'accepted', 'b'),
    update(4, 'failed', 'b'),
    update(5, 'accepted', 'd'),
    update(6, 'completed', 'd'),
    update(7, 'accepted', 'e'),
    update(8, 'failed', 'e'),
  ];
  expect(takenAgain(before, after)).toEqual({ taken: ['a', 'b', 'd'], missing: ['c'], differing: ['e'] });
});
