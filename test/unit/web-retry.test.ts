/** The web app sends again a decision the case refused for now (web/src/api/retry.ts). */
import { againWhileBusy, type Answer } from '../../web/src/api/retry';

const busy: Answer = { response: { status: 503 }, error: { code: 'CASE_BUSY' } };
const taken: Answer = { response: { status: 200 } };
const down: Answer = { response: { status: 503 }, error: { code: 'DATABASE_UNAVAILABLE' } };

function sender(answers: Answer[]) {
  const waits: number[] = [];
  let sent = 0;
  return {
    send: () => Promise.resolve(answers[Math.min(sent++, answers.length - 1)]!),
    wait: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
    waits,
    sent: () => sent,
  };
}

test('when the case answers CASE_BUSY, then the request is sent again until it is taken', async () => {
  const s = sender([busy, taken]);
  expect(await againWhileBusy(busy, s.send, s.wait)).toBe(taken);
  expect(s.sent()).toBe(2);
  expect(s.waits).toEqual([500, 1000]);
});

test('when the case stays busy, then the request is sent again three times and the last answer returned', async () => {
  const s = sender([busy]);
  expect(await againWhileBusy(busy, s.send, s.wait)).toBe(busy);
  expect(s.sent()).toBe(3);
  expect(s.waits).toEqual([500, 1000, 1500]);
});

test('when the answer is anything else, then it is returned without sending again', async () => {
  for (const first of [taken, down, { response: { status: 409 }, error: { code: 'WRONG_STEP' } }]) {
    const s = sender([taken]);
    expect(await againWhileBusy(first, s.send, s.wait)).toBe(first);
    expect(s.sent()).toBe(0);
  }
});
