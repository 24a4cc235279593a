// node worker.js <address> <taskQueue> <workflows|activities|both> <identity> [maxCachedWorkflows]
const { Worker, NativeConnection, Runtime, DefaultLogger } = require('@temporalio/worker');
const [address, taskQueue, kind, identity, cache] = process.argv.slice(2);
(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    identity,
    ...(kind !== 'activities' ? { workflowsPath: require.resolve('./workflows.js') } : {}),
    ...(kind !== 'workflows' ? { activities: { registerDossier: async () => '12/2026' } } : {}),
    ...(cache !== undefined ? { maxCachedWorkflows: Number(cache) } : {}),
  });
  await worker.run();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
