/**
 * Cases for browser tests, made through the API as the demo people (or on Temporal directly for a whole life cycle),
 * in the test file's own database: what a screen shows is this file's data only.
 */
import {
  confirmEffectUpdate,
  decideRecognitionUpdate,
  submitEffectReportUpdate,
} from '../../../src/contracts/initiative';
import type { Dossier } from '../../../src/contracts/initiative';
import { toTracking } from '../../support/drive';
import { api, eventually, login } from '../../support/harness';
import { decide, fastPack, fileCase, people, waitFor } from '../../support/lifecycle';
import type { WebStack } from './stack';

/** Access tokens of demo people, signed in once per file (src/seed/demo.ts). */
export async function tokens(stack: WebStack, usernames: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const u of usernames) out[u] = await login(stack, u);
  return out;
}

/** A complete dossier of the demo THCS school, filed by its teacher (giaovien.thcs). */
export function demoDossier(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Sổ liên lạc điện tử giữa nhà trường và phụ huynh',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Gửi thông báo, điểm và lịch học qua ứng dụng thay cho sổ giấy.',
    authors: [
      { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 80 },
      { fullName: 'Lưu Văn Khánh', sharePercent: 20 },
    ],
    ...overrides,
  };
}

/** Files a dossier through the API as a submitter (giaovien.thcs unless told); returns the case id. */
export async function fileDossier(
  stack: WebStack,
  submitterToken: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const r = await api(stack, submitterToken, 'POST', '/api/v1/initiatives', demoDossier(overrides));
  if (r.status !== 201) throw new Error(`filing failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/** Sends a decision through the API (`/api/v1/initiatives/{id}/{action}`) and fails unless it is accepted. */
export async function decideViaApi(
  stack: WebStack,
  token: string,
  id: string,
  action: string,
  body: unknown = {},
): Promise<any> {
  const r = await api(stack, token, 'POST', `/api/v1/initiatives/${id}/${action}`, body);
  if (r.status !== 200) throw new Error(`${action} refused: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.state;
}

/** Waits until a person's inbox lists a task for the case (the read model is written in the background). */
export function taskAppears(stack: WebStack, token: string, id: string): Promise<unknown> {
  return eventually(async () => {
    const r = await api(stack, token, 'GET', '/api/v1/me/tasks');
    return r.body.items?.find((t: { initiativeId: string }) => t.initiativeId === id);
  }, 20_000);
}

/**
 * A recognised initiative (driven on Temporal through every step up to recognition, as the life-cycle tests do, with
 * patient waits: browser files share two cores with other files), once it is in the public list; returns its id.
 */
export async function recognisedInitiative(
  stack: WebStack,
  dossier: Partial<Dossier> & { title: string },
  opts: { replicationOpen?: boolean } = {},
): Promise<string> {
  // Open for replication: a follow-up that lasts the test, so other units can still volunteer.
  const pack = opts.replicationOpen ? fastPack({ replicationCheckpoints: [{ days: 1 }] }) : fastPack();
  const { id, handle } = await fileCase(stack.client, stack.config.temporal.taskQueue, { dossier, pack });
  await toTracking(handle);
  await decide(handle, submitEffectReportUpdate, {
    actor: people.unitHead,
    periodEnd: new Date().toISOString().slice(0, 10),
    metrics: [{ name: 'Thời gian tổng hợp', unit: 'giờ/kỳ', baseline: 40, value: 6 }],
    monetaryBenefitVnd: 12_000_000,
    evidenceRefs: ['bien-ban-ap-dung.pdf'],
  });
  // The tracking period (seconds in the fast rule pack) ends on a workflow timer.
  await waitFor(handle, (s) => s.step === 'EFFECT_CONFIRMATION', 90_000);
  await decide(handle, confirmEffectUpdate, {
    actor: people.unitHead,
    verdict: 'EFFECTIVE',
    summary: 'Giảm 85% thời gian tổng hợp.',
  });
  await waitFor(handle, (s) => s.step === 'DECISION', 60_000);
  await decide(handle, decideRecognitionUpdate, {
    actor: people.chairman,
    outcome: 'RECOGNISE',
    signerTitle: 'PHO_CHU_TICH',
  });
  await eventually(async () => {
    const r = await api(stack, null, 'GET', '/api/v1/public/initiatives?limit=100');
    return r.body.items?.find((x: { id: string }) => x.id === id);
  }, 60_000);
  return id;
}
