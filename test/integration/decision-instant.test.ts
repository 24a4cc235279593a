/**
 * A decision that arrives in the same workflow task as the activity result that enables it is taken; one at a truly
 * wrong step, in that same task, is still refused with its code. The task is built on purpose: no workflow worker polls
 * while the registration's number comes back and the two decisions arrive, so the next task holds all three.
 */
import { createNotifier } from '../../src/notify';
import { randomBytes } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { formalCheckUpdate, registerDossierUpdate, unitReviewUpdate } from '../../src/contracts/initiative';
import { DEFAULT_RULE_PACK } from '../../src/domain/rule-pack';
import { eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { inProcessWorker, workflowWorkerProcess } from '../support/workers';
import { fileCase, people } from '../support/lifecycle';

const h = useHarness();

/** 'taken', or the refusal's code. */
const outcome = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'taken',
    (err: unknown) => {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
        return err.cause.type ?? 'UNKNOWN';
      throw err;
    },
  );

test('when a decision arrives with the activity result that enables it, then it is taken; a wrong step is refused', async () => {
  const taskQueue = `instant-${randomBytes(4).toString('hex')}`;
  const a = workflowWorkerProcess(taskQueue);
  const stops: (() => Promise<void>)[] = [];
  try {
    const { handle } = await fileCase(h.client, taskQueue, { pack: DEFAULT_RULE_PACK });
    const history = async () => (await handle.fetchHistory()).events ?? [];
    // The endorsement is accepted; its write and the registration's number wait for an activity worker.
    await handle.startUpdate(unitReviewUpdate, {
      args: [{ actor: people.unitHead, outcome: 'ENDORSE', confirmedApplication: true }],
      waitForStage: 'ACCEPTED',
    });
    const registered = handle.executeUpdate(registerDossierUpdate, { args: [{ actor: people.secretary }] });
    await eventually(async () =>
      (await history()).some(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'registerDossier',
      )
        ? true
        : undefined,
    );
    // No workflow worker from now on until both decisions are waiting.
    a.kill('SIGKILL');
    stops.push(
      await inProcessWorker(taskQueue, {
        activities: { ...h.repos, commune: h.config.commune, notifier: createNotifier(h.config, h.repos) },
      }),
    );
    await eventually(async () => {
      const events = await history();
      const id = events.find(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'registerDossier',
      )?.eventId;
      return events.some((e) => e.activityTaskCompletedEventAttributes?.scheduledEventId?.equals(id!))
        ? true
        : undefined;
    }, 30_000);

    // The secretary accepts the dossier the moment its number comes back; a late unit review comes with it.
    const accepted = outcome(
      handle.executeUpdate(formalCheckUpdate, { args: [{ actor: people.secretary, outcome: 'ACCEPT' }] }),
    );
    const late = outcome(
      handle.executeUpdate(unitReviewUpdate, {
        args: [{ actor: people.unitHead, outcome: 'ENDORSE', confirmedApplication: true }],
      }),
    );
    await new Promise((r) => setTimeout(r, 1_000));
    stops.push(await inProcessWorker(taskQueue, 'workflows'));

    expect(await outcome(registered)).toBe('taken');
    expect(await accepted).toBe('taken');
    expect(await late).toBe('WRONG_STEP');

    // It was that instant: the registration's result and both decisions came in one workflow task.
    const events = await history();
    const kinds = events.map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes')));
    const firstAccepted = events.findIndex(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'formalCheck',
    );
    const taskStart = kinds.lastIndexOf('workflowTaskStartedEventAttributes', firstAccepted);
    const taskBefore = kinds.lastIndexOf('workflowTaskCompletedEventAttributes', taskStart);
    expect(kinds.slice(taskBefore, taskStart)).toContain('activityTaskCompletedEventAttributes');
    expect(
      events.slice(taskStart).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes),
    ).toHaveLength(2);
    await eventually(async () =>
      (await h.repos.cases.findById(handle.workflowId.replace(/^initiative:/, '')))?.step ===
      'COUNCIL_FORMATION'
        ? true
        : undefined,
    );
  } finally {
    a.kill('SIGKILL');
    for (const stop of stops.reverse()) await stop();
  }
}, 120_000);
