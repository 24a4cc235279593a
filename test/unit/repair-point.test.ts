/** Where the worker's repair would reset a history, and which decisions that would drop (src/temporal/repair.ts). */
import { temporal } from '@temporalio/proto';
import { decisionsLostByReset, resetPoint } from '../../src/temporal/repair';

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

test('when a reset would run afresh only the task of the decisions after it, then none is lost', () => {
  // Resetting to 13 re-runs the task that accepted 14: it is applied again.
  expect(decisionsLostByReset(events, 13)).toBe(0);
});

test('when decisions were accepted in tasks after the one a reset runs afresh, then the reset would lose them', () => {
  // Resetting to 7 re-runs the task of 8 (applied again), but 14 was accepted in a later task: it would be lost.
  expect(decisionsLostByReset(events, 7)).toBe(1);
  expect(decisionsLostByReset(events, 4)).toBe(2);
});
