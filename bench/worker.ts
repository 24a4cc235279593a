/** A benchmark's worker process: the product's worker, bundling the bare baseline workflow too. */
import { runWorkerProcess } from '../worker';

runWorkerProcess({ workflowsPath: require.resolve('./workflows') }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
