// node run.js <address> [query|noquery] [maxCachedWorkflows of the fresh worker]
const { spawn } = require('node:child_process');
const { Client, Connection } = require('@temporalio/client');
const { Worker } = require('@temporalio/worker');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const log = (...a) => console.log(`[+${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
(async () => {
  const [address, mode = 'query', cache] = process.argv.slice(2);
  const taskQueue = `repro-${Date.now().toString(36)}`;
  const client = new Client({ connection: await Connection.connect({ address }) });
  const worker = (kind, id, ...rest) =>
    spawn('node', [`${__dirname}/worker.js`, address, taskQueue, kind, id, ...rest], { stdio: 'inherit' });
  const a = worker('workflows', 'worker-A');
  await sleep(3000);
  const handle = await client.workflow.start('caseWorkflow', { taskQueue, workflowId: taskQueue });
  while (!(await handle.fetchHistory()).events.some((e) => e.activityTaskScheduledEventAttributes))
    await sleep(100);
  a.kill('SIGKILL');
  log('worker-A (workflows only) SIGKILLed with registerDossier scheduled and not run');
  const read = mode === 'query' ? handle.query('state') : Promise.resolve('(no query)');
  if (mode === 'query') log('a person reads the case: direct query sent');
  const b = worker('both', 'worker-B', ...(cache !== undefined ? [cache] : []));
  log(
    `worker-B started (workflows and activities${cache !== undefined ? `, maxCachedWorkflows=${cache}` : ''})`,
  );
  log('read:', JSON.stringify(await read));
  await sleep(mode === 'query' ? 0 : 6000);
  try {
    await handle.executeUpdate('formalCheck');
    log('formalCheck taken');
  } catch (e) {
    log('formalCheck refused:', e.cause?.message ?? e.message);
    await handle.executeUpdate('formalCheck').then(() => log('formalCheck taken when sent again'));
  }
  log('result:', await handle.result());
  const history = await handle.fetchHistory();
  for (const e of history.events) {
    const [k, v] = Object.entries(e).find(([k]) => k.endsWith('Attributes')) ?? ['', {}];
    const extra = v.timerId ? ` timerId=${v.timerId}` : v.identity ? ` by ${v.identity}` : '';
    console.log(`  ${e.eventId} ${k.replace(/EventAttributes$/, '')}${extra}`);
  }
  b.kill('SIGTERM');
  await Worker.runReplayHistory({ workflowsPath: require.resolve('./workflows.js') }, history).then(
    () => log('REPLAY OK'),
    (e) => log('REPLAY FAILED:', e.message.slice(0, 240)),
  );
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
