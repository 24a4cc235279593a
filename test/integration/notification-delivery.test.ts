/**
 * Delivery when the other side fails: the signed webhook against a local receiver that fails first (retries, the
 * signature check, a refusal that stops retrying and shows on the supervisor's board), and e-mail while the mail
 * server is down (the case goes on, the mail waits and goes out once the server is back).
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMail, type MailServer } from '../../dev/servers/mail';
import { freePort } from '../../dev/servers/process';
import { connectMongo } from '../../src/db/connection';
import { OutboxRepository, type NewDelivery } from '../../src/db/outbox';
import { createLogger } from '../../src/logger';
import { emailChannel, webhookSignature, type WebhookBody } from '../../src/notify/channels';
import { NotificationSender } from '../../src/notify/sender';
import { eventually, serverAddresses } from '../support/harness';
import { useHarness } from '../support/use-harness';

const SECRET = 'bí-mật-ký-webhook-của-xã-thanh-thủy-2026';
interface Received {
  body: WebhookBody;
  raw: string;
  headers: http.IncomingHttpHeaders;
}
const received: Received[] = [];
/** The receiver's next answers, in order (then 200). */
const answers: number[] = [];
const receiver = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
  req.on('end', () => {
    const status = answers.shift() ?? 200;
    if (status === 200) received.push({ body: JSON.parse(raw) as WebhookBody, raw, headers: req.headers });
    res.writeHead(status).end();
  });
});
const env: Record<string, string> = {};
let mail: MailServer;
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-mail-'));
const ports = { smtp: 0, ui: 0 };
const startOwnMail = () =>
  startMail(
    {
      smtpUrl: undefined,
      cacheDir: process.env['CACHE_DIR'] ?? path.join(os.homedir(), '.cache', 'sang-kien'),
      dataDir: mailDir,
      smtpPort: ports.smtp,
      uiPort: ports.ui,
      timeoutMs: 30_000,
    },
    () => undefined,
  );

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const { port } = receiver.address() as { port: number };
  ports.smtp = await freePort();
  ports.ui = await freePort();
  mail = await startOwnMail();
  Object.assign(env, {
    NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${port}/zalo-bridge`,
    NOTIFY_WEBHOOK_SECRET: SECRET,
    SMTP_URL: mail.smtpUrl!,
  });
});
const h = useHarness({ people: ['giaovien.thcs', 'quantri', 'giamsat', 'hieutruong.thcs'], env });
afterAll(async () => {
  await mail.stop();
  receiver.close();
  fs.rmSync(mailDir, { recursive: true, force: true });
});

const inbox = async () =>
  (
    (await (await fetch(`${mail.inboxUrl}/api/v1/messages?limit=500`)).json()) as {
      messages: { To: { Address: string }[]; Subject: string; MessageID: string }[];
    }
  ).messages;

test('when the webhook receiver fails twice, then the notification arrives signed on the third try', async () => {
  answers.push(503, 503);
  const r = await h.as('quantri').post('/api/v1/admin/notifications/test', {
    personId: 'p-ht-thcs',
    channel: 'webhook',
  });
  expect(r.status).toBe(202);
  const got = await eventually(() => Promise.resolve(received.find((x) => x.body.deliveryId === r.body.id)));
  expect(got.body).toMatchObject({ kind: 'TEST', to: { personId: 'p-ht-thcs', fullName: 'Lê Văn Hùng' } });
  // The receiver checks the signature with the shared secret over the timestamp and the exact body.
  const ts = got.headers['x-sangkien-timestamp'] as string;
  expect(got.headers['x-sangkien-signature']).toBe(webhookSignature(SECRET, ts, got.raw));
  expect(got.headers['x-sangkien-signature']).not.toBe(webhookSignature('another-secret', ts, got.raw));
  // The receiver answers before the sender records the success.
  const sent = await eventually(
    async () => (await h.repos.outbox.sent.findById(r.body.id).lean().exec()) ?? undefined,
  );
  expect(sent.attempts.map((a) => a.ok)).toEqual([false, false, true]);
  expect(sent.attempts[0]!.error).toBe('webhook: HTTP 503');
});

test('when the receiver refuses a notification, then it stops trying, the board shows why, and a retry sends it', async () => {
  answers.push(410);
  const r = await h.as('quantri').post('/api/v1/admin/notifications/test', {
    personId: 'p-gv-thcs',
    channel: 'webhook',
  });
  const failed = await eventually(async () => {
    const board = await h.as('giamsat').get('/api/v1/supervision/deliveries');
    return board.body.items.find(
      (d: { id: string; status: string }) => d.id === r.body.id && d.status === 'FAILED',
    );
  });
  expect(failed).toMatchObject({
    channel: 'webhook',
    attempts: 1,
    lastError: 'webhook: HTTP 410',
    nextAttemptAt: null,
  });
  expect((await h.as('giaovien.thcs').get('/api/v1/supervision/deliveries')).status).toBe(403);
  expect((await h.as('giamsat').post('/api/v1/supervision/deliveries/retry', { id: r.body.id })).status).toBe(
    200,
  );
  await eventually(() => Promise.resolve(received.find((x) => x.body.deliveryId === r.body.id)));
  // The receiver answers before the sender records the success, so the board empties a moment later.
  await eventually(async () => {
    const board = await h.as('giamsat').get('/api/v1/supervision/deliveries');
    return board.body.items.some((d: { id: string }) => d.id === r.body.id) ? undefined : true;
  });
  const sent = await h.repos.outbox.sent.findById(r.body.id).lean().exec();
  expect(sent!.attempts.map((a) => a.ok)).toEqual([false, true]);
});

test('when the mail server is down, then the case goes on, the board shows the mail waiting, and it goes out once the server is back', async () => {
  await mail.stop();
  const filed = await h.as('giaovien.thcs').post('/api/v1/initiatives', {
    title: 'Nhắc lịch tiêm chủng qua tin nhắn',
    unitId: 'truong-thcs',
    field: 'Y tế học đường',
    firstAppliedOn: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Nhà trường gửi lịch tiêm chủng cho phụ huynh qua tin nhắn.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  expect(filed.status).toBe(201);
  const id: string = filed.body.id;
  // The unit head can act at once: the mail server is not on the case's path.
  const endorsed = await eventually(async () => {
    const r = await h.as('hieutruong.thcs').post(`/api/v1/initiatives/${id}/unit-review`, {
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
    return r.status === 200 ? r : undefined;
  }, 20_000);
  expect(endorsed.body.state.step).toBe('REGISTRATION');
  const waiting = await eventually(async () => {
    const board = await h.as('giamsat').get('/api/v1/supervision/deliveries');
    return board.body.items.find(
      (d: { initiativeId: string; channel: string; personId: string }) =>
        d.initiativeId === id && d.channel === 'email' && d.personId === 'p-ht-thcs',
    );
  });
  expect(waiting.status).toMatch(/PENDING|SENDING/);
  expect(waiting.lastError).toMatch(/ECONNREFUSED/);

  mail = await startOwnMail();
  await eventually(async () => {
    const got = (await inbox()).filter((m) => m.Subject.includes('Nhắc lịch tiêm chủng qua tin nhắn'));
    return got.some((m) => m.To.some((t) => t.Address === 'hieutruong.thcs@thanhthuy.example'))
      ? got
      : undefined;
  }, 30_000);
  await eventually(
    async () =>
      (await h.repos.outbox.outbox.countDocuments({ initiativeId: id, channel: 'email' })) === 0
        ? true
        : undefined,
    30_000,
  );
});

test('when a sender dies mid-send, then the next one sends it again with the same Message-ID; after recording it, never again', async () => {
  // An outbox of its own (another database), so the harness's sender stays out of it.
  const conn = await connectMongo(serverAddresses().mongoUri, `${h.config.mongo.dbName}_crash`);
  const outbox = new OutboxRepository(conn);
  const email = emailChannel(mail.smtpUrl!, h.config.notify.from);
  const site = { baseUrl: 'http://sangkien.test', commune: 'Thanh Thủy' };
  const opts = { pollMs: 60_000, retryBaseMs: 200, digestHour: 7, site, leaseMs: 300 };
  const delivery = (id: string): NewDelivery => ({
    _id: id,
    notificationId: id,
    initiativeId: 'crash-case',
    personId: 'p-thuky',
    fullName: 'Vũ Thị Thu',
    channel: 'email',
    address: 'thuky@thanhthuy.example',
    kind: 'TASK',
    headline: 'Việc cần làm',
    caseRef: null,
    dueAt: null,
    subject: `[Sáng kiến] Thử gửi lại ${id}`,
    text: 'Thư thử gửi lại sau sự cố.',
    link: site.baseUrl,
    digest: false,
  });
  const withSubject = async (id: string) =>
    (await inbox()).filter((m) => m.Subject === `[Sáng kiến] Thử gửi lại ${id}`).length;
  try {
    // Sender A dies after the mail server accepted the mail and before recording it (it never returns).
    await outbox.add(delivery('lost-ack'));
    let accepted = false;
    const dying = new NotificationSender(
      outbox,
      {
        email: {
          ...email,
          send: (d) => email.send(d).then(() => ((accepted = true), new Promise(() => undefined))),
        },
      },
      opts,
      createLogger('silent'),
    );
    void dying.runOnce();
    await eventually(() => Promise.resolve(accepted || undefined));
    await new Promise((r) => setTimeout(r, 400)); // A's lease runs out
    const next = new NotificationSender(outbox, { email }, opts, createLogger('silent'));
    expect(await next.runOnce()).toEqual({ sent: 1, failed: 0 });
    const ids = await eventually(async () => {
      const m = (await inbox()).filter((x) => x.Subject.endsWith('lost-ack'));
      return m.length === 2 ? m.map((x) => x.MessageID) : undefined;
    });
    expect(new Set(ids).size).toBe(1); // the same message, recognisable as such
    expect(await outbox.sent.countDocuments({ _id: 'lost-ack' })).toBe(1);

    // A sender that died after recording it (before clearing the outbox): the next one sends nothing.
    await outbox.add(delivery('recorded'));
    const d = (await outbox.outbox.findById('recorded').lean().exec())!;
    await outbox.sent.create({ ...d, status: 'SENT', sentAt: new Date() });
    expect(await next.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(await outbox.outbox.countDocuments({})).toBe(0);
    expect(await withSubject('recorded')).toBe(0);
  } finally {
    email.close();
    await conn.dropDatabase();
    await conn.close();
  }
});

test('when no channel can send, then a pass leaves the outbox unread; a sender reads only what its channels send', async () => {
  const conn = await connectMongo(serverAddresses().mongoUri, `${h.config.mongo.dbName}_idle`);
  const outbox = new OutboxRepository(conn);
  const site = { baseUrl: 'http://sangkien.test', commune: 'Thanh Thủy' };
  const opts = { pollMs: 60_000, retryBaseMs: 200, digestHour: 7, site };
  const waiting = (id: string, channel: 'email' | 'webhook'): NewDelivery => ({
    _id: id,
    notificationId: id,
    initiativeId: 'idle-case',
    personId: 'p-thuky',
    fullName: 'Vũ Thị Thu',
    channel,
    address: channel === 'email' ? 'thuky@thanhthuy.example' : 'p-thuky',
    kind: 'TASK',
    headline: 'Việc cần làm',
    caseRef: null,
    dueAt: null,
    subject: `[Sáng kiến] Chờ gửi ${id}`,
    text: 'Thư chờ máy chủ thư.',
    link: site.baseUrl,
    digest: false,
  });
  try {
    await outbox.add(waiting('by-mail', 'email'));
    await outbox.add(waiting('by-hook', 'webhook'));
    const due = jest.spyOn(outbox, 'due');
    const idle = new NotificationSender(outbox, {}, opts, createLogger('silent'));
    expect(await idle.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(due).not.toHaveBeenCalled();
    expect((await outbox.due(new Date(), ['email'])).map((d) => d._id)).toEqual(['by-mail']);
    expect(await outbox.outbox.countDocuments({})).toBe(2);
  } finally {
    await conn.dropDatabase();
    await conn.close();
  }
});
