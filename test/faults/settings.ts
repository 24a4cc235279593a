/** The run's settings (command line and environment: size, seed, limits, where the report goes) and its log. */
import path from 'node:path';

/** When the run started. */
export const t0 = Date.now();
/** Seconds since the run started, for the log. */
export const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
/** One line of the run's log, on stderr. */
export const say = (m: string) => process.stderr.write(`[faults ${elapsed()}] ${m}\n`);

/** The value after `--name` on the command line. */
function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const ci = process.argv.includes('--ci');
export const CASES = Number(option('cases') ?? process.env['FAULTS_CASES'] ?? (ci ? 60 : 300));
export const SEED = Number(option('seed') ?? process.env['FAULTS_SEED'] ?? 2026);
export const CONCURRENCY = Number(process.env['FAULTS_CONCURRENCY'] ?? (ci ? 16 : 24));
export const OUTAGE_MS = Number(process.env['FAULTS_MONGO_OUTAGE_S'] ?? 30) * 1000;
export const MAIL_OUTAGE_MS = Number(process.env['FAULTS_MAIL_OUTAGE_S'] ?? 20) * 1000;
export const BUDGET_MS = Number(process.env['FAULTS_RETRY_BUDGET_S'] ?? 180) * 1000;
export const REPORT_DIR = path.resolve(__dirname, '../../test-artifacts/faults');
