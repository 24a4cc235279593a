/** Where the worker's repair resets a history, and how it checks the decisions the new run takes again (src/temporal/repair.ts). */
import { temporal } from '@temporalio/proto';
import { decisionsAfter, reappliedOutcome, resetPoint } from '../../src/temporal/repair';

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

/** An update event about `id`: accepted, admitted (applied again by a reset), or completed (failed or not). */
const update = (
  eventId: number,
  kind: 'accepted' | 'admitted' | 'completed' | 'failed',
  id: string,
): temporal.api.history.v1.HistoryEvent =>
  temporal.api.history.v1.HistoryEvent.fromObject(
    kind === 'accepted'
      ? {
          eventId,
          eventType: T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
          workflowExecutionUpdateAcceptedEventAttributes: { protocolInstanceId: id },
        }
      : kind === 'admitted'
        ? {
            eventId,
            eventType: T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED,
            workflowExecutionUpdateAdmittedEventAttributes: { request: { meta: { updateId: id } } },
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
const taskCompleted = (eventId: number) =>
  temporal.api.history.v1.HistoryEvent.fromObject({
    eventId,
    eventType: T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  });

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

test('when the reset run has taken decisions again, then each is taken, refused or still pending', () => {
  const ids = ['a', 'b', 'c', 'd'];
  const admitted = [
    update(5, 'admitted', 'a'),
    update(6, 'admitted', 'b'),
    update(7, 'admitted', 'c'),
    update(8, 'admitted', 'd'),
  ];
  // Before the run has completed a task after the admitted decisions, none is decided yet.
  expect(reappliedOutcome(admitted, ids)).toEqual({ taken: [], refused: [], pending: ids });
  const after = [
    ...admitted,
    taskCompleted(9),
    update(10, 'accepted', 'a'),
    update(11, 'accepted', 'b'),
    update(12, 'accepted', 'c'),
    update(13, 'completed', 'a'),
    update(14, 'failed', 'b'),
  ];
  // a completed; b completed with a failure; c accepted and still running; d never accepted (refused by its validator).
  expect(reappliedOutcome(after, ids)).toEqual({ taken: ['a'], refused: ['b', 'd'], pending: ['c'] });
});
