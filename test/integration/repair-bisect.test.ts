/**
 * Where the worker's repair resets a history whose non-determinism error names no event (src/temporal/repair.ts). The
 * fixture is a history the fault suite produced (seed 2026, before refuseIfActedInTask in workflows/guards.ts): in the
 * task after a worker was killed, timer 7 was started and cancelled (so it left no event) across two activations that
 * a replay runs as one; replay then numbers every later timer one less and fails when timer 9 fires ("Timer fired
 * event did not have expected timer id 8, it was 9"), an error that names no event to reset before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { firstBrokenTask, resetPoint, timerGapPoint, type Replayer } from '../../src/temporal/repair';

const file = path.resolve(__dirname, '../fixtures/broken-histories/timer-fired-id.json');
const events = temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(file, 'utf8'))).events;

test('when replay fails with an error that names no event, then the repair resets before the task of the missing timer, or by bisection', async () => {
  const replayed: number[] = [];
  const replayer: Replayer = (histories) => {
    replayed.push(...histories.map((h) => (h.history as temporal.api.history.v1.IHistory).events!.length));
    return Worker.runReplayHistories(
      { workflowsPath: require.resolve('../../workflows'), replayName: 'bisect' },
      histories,
    );
  };
  const failure = await (async () => {
    for await (const r of replayer([{ workflowId: 'initiative:bisect', history: { events } }]))
      return r.error;
    return undefined;
  })();
  expect(failure?.message).toContain('Timer fired event did not have expected timer id 8, it was 9');
  expect(resetPoint(events, failure!.message)).toBeNull();

  // Timer 7 is missing; timer 6 was started in the task completed at 84: the reset goes to the task before it (77),
  // so the task that used number 7 runs again.
  expect(timerGapPoint(events, failure!.message)).toEqual({ mismatchEventId: 107, resetToEventId: 77 });
  expect(timerGapPoint(events, 'Nondeterminism error: something else')).toBeNull();
  const prefix = events.filter((e) => Number(e.eventId) <= 80);
  await expect(
    Worker.runReplayHistory(
      { workflowsPath: require.resolve('../../workflows'), replayName: 'prefix' },
      { events: prefix },
    ),
  ).resolves.toBeUndefined();

  // For any other message naming no event, bisection: the first task whose prefix no longer replays is the one completed
  // at 138 (the timer fired at 135 is checked with it), and 134 the last that replays.
  expect(await firstBrokenTask(replayer, 'initiative:bisect', events)).toEqual({
    mismatchEventId: 138,
    resetToEventId: 134,
  });
  // By bisection: a handful of replays for 25 tasks, not one per task.
  expect(replayed.length - 1).toBeLessThanOrEqual(6);

  // A history that replays whole has no reset point.
  expect(await firstBrokenTask(replayer, 'initiative:bisect', events.slice(0, 134))).toBeNull();
}, 120_000);
