/**
 * Checks of the notifications after the run: every e-mail delivery went out once the mail server was back (nothing
 * left waiting, every sent one in the inbox), and none went out twice except a resend after a worker was killed
 * mid-send, which carries the same Message-ID (docs/notifications.md, "Crashes").
 */
import type { Db } from 'mongodb';
import { sleep } from '../client';
import { Check, type CheckResult } from './check';

interface Delivery {
  _id: string;
  initiativeId: string | null;
  status: string;
  messageId: string;
  lastError: string | null;
}

const bare = (id: string) => id.replace(/^</, '').replace(/>$/, '');

/** Every Message-ID in the inbox, with how many messages carry it. */
async function inboxCounts(inboxUrl: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let start = 0; ; start += 1000) {
    const page = (await (await fetch(`${inboxUrl}/api/v1/messages?start=${start}&limit=1000`)).json()) as {
      messages: { MessageID: string }[];
    };
    for (const m of page.messages) counts.set(bare(m.MessageID), (counts.get(bare(m.MessageID)) ?? 0) + 1);
    if (page.messages.length < 1000) return counts;
  }
}

/** Waits (bounded) for the outbox's e-mail to go out, then compares the deliveries with the inbox. */
export async function checkMail(
  db: Db,
  inboxUrl: string,
  workerKills: number,
  timeoutMs: number,
  say: (m: string) => void,
): Promise<CheckResult[]> {
  const outbox = db.collection<Delivery>('outbox');
  const waiting = { channel: 'email', status: { $in: ['PENDING', 'SENDING'] } };
  const until = Date.now() + timeoutMs;
  while ((await outbox.countDocuments(waiting)) > 0 && Date.now() < until) await sleep(1_000);
  const left = await outbox.find({ channel: 'email', status: { $ne: 'WAITING_DIGEST' } }).toArray();
  const sent = await db.collection<Delivery>('deliveries').find({ channel: 'email' }).toArray();
  const inbox = await inboxCounts(inboxUrl);
  say(`mail: ${sent.length} e-mails sent, ${left.length} not, ${inbox.size} distinct messages in the inbox`);

  const delivered = new Check('every notification e-mail is delivered once the mail server is back');
  delivered.count(sent.length + left.length);
  for (const d of left) delivered.fail(d.initiativeId, `${d._id} still ${d.status}: ${d.lastError ?? ''}`);
  for (const d of sent)
    if (!inbox.has(bare(d.messageId)))
      delivered.fail(d.initiativeId, `${d._id} marked sent, not in the inbox`);

  const once = new Check('no e-mail twice, except one resend per worker kill, with the same Message-ID');
  once.count(inbox.size);
  const resent = [...inbox].filter(([, n]) => n > 1);
  const extra = resent.reduce((sum, [, n]) => sum + n - 1, 0);
  if (extra > workerKills)
    for (const [id, n] of resent) once.fail(null, `${id} arrived ${n} times (${workerKills} worker kills)`);
  return [delivered, once].map((c) => ({ name: c.name, checked: c.checked, violations: c.violations }));
}
