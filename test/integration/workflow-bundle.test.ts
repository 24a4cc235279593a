/** The workflow bundle builds: workflow code imports nothing the sandbox cannot load. */
import { bundleWorkflowCode } from '@temporalio/worker';

test('when the workflows are bundled, then the bundle builds and exports the initiative workflow', async () => {
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    },
  });
  expect(bundle.code.length).toBeGreaterThan(10_000);
  expect(bundle.code.includes('initiativeWorkflow')).toBe(true);
  // Nothing from the validation, database or HTTP side was pulled into the sandbox.
  // (A failing `toContain` would print the whole bundle, so compare the list of markers found instead.)
  const found = ['ZodError', 'MongoClient', 'mongoose', 'IncomingMessage'].filter((m) =>
    bundle.code.includes(m),
  );
  expect(found).toEqual([]);
});
