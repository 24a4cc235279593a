/**
 * Remuneration that is paid, not only computed (NĐ13 Art. 10): on a recognised case whose dossier says remuneration
 * applies, the school head sets the year's amount from its benefit and records payments with their evidence; what is
 * outstanding drops; an overpayment, a payment by someone else or on a case without a schedule is refused with a
 * Vietnamese problem and nothing written; a retried request writes once; the author's achievement record shows the
 * figures; the head is reminded before the payment falls due and once it is overdue, each reminder once.
 */
import { createLogger } from '../../src/logger';
import { createNotifier } from '../../src/notify';
import { RemunerationReminders } from '../../src/notify/remuneration-reminders';
import { toReplication } from '../support/drive';
import { eventually } from '../support/harness';
import { fastPack, fileCase } from '../support/lifecycle';
import { mailsOf } from '../support/mailpit';
import { useHarness } from '../support/use-harness';

const h = useHarness({
  people: ['giaovien.thcs', 'hieutruong.thcs', 'truongtram.yte', 'giamsat', 'uyvien1', 'yta'],
});
const authors = [
  { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 70 },
  { personId: 'author-1', fullName: 'Lưu Văn Khánh', sharePercent: 30 },
];
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
let id: string;
const path = (rest = '') => `/api/v1/initiatives/${id}/remuneration${rest}`;
const entries = () => h.repos.remuneration.list(id);
const audits = (action: string) => h.repos.audit.model.countDocuments({ target: id, action });
const traOf = (ledger: any, year = 1) =>
  ledger.years
    .find((y: { year: number }) => y.year === year)
    .authors.find((a: { key: string }) => a.key === 'p-gv-thcs');

beforeAll(async () => {
  const filed = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: {
      title: 'Phần mềm quản lý thư viện trường học',
      unitId: 'truong-thcs',
      authors,
      remunerationApplies: true,
    },
    pack: fastPack({ replicationCheckpoints: [{ days: 1 }] }),
  });
  id = filed.id;
  await toReplication(filed.handle);
  await eventually(async () => {
    const c = await h.repos.cases.findById(id);
    return c?.decisionOutcome === 'RECOGNISED' && c.state.remunerationSchedule.length === 3 ? c : undefined;
  }, 30_000);
}, 120_000);

test('when the recognition set a schedule, then the ledger shows three years to assess, each with its legal basis', async () => {
  const mine = await h.as('giaovien.thcs').get(path());
  expect(mine.status).toBe(200);
  expect(mine.body).toMatchObject({ applies: true, revoked: false, mayRecord: false, verified: true });
  expect(mine.body.years.map((y: { status: string }) => y.status)).toEqual([
    'NOT_ASSESSED',
    'NOT_ASSESSED',
    'NOT_ASSESSED',
  ]);
  expect(mine.body.years[0].percentOfBenefit).toBe(7);
  expect(mine.body.basis.percent).toContain('Điều 10 Nghị định 13/2012/NĐ-CP');
  expect(mine.body.basis.floor).toContain('5 lần mức lương tối thiểu chung');
  expect((await h.as('hieutruong.thcs').get(path())).body.mayRecord).toBe(true);
  expect((await h.as('giamsat').get(path())).body.mayRecord).toBe(false);
  // A council member takes part in the case but has no business with the authors' pay; another unit's nurse none.
  expect((await h.as('uyvien1').get(path())).status).toBe(403);
  expect((await h.as('yta').get(path())).status).toBe(404);
});

test('when the head sets year 1 from its benefit, then 7% is owed, split 70/30; an amount under 7% is refused', async () => {
  const head = h.as('hieutruong.thcs');
  const low = await head.post(path('/assessments'), {
    year: 1,
    basis: 'BENEFIT',
    benefitVnd: 12_000_000,
    amountVnd: 800_000,
  });
  expect(low.status).toBe(422);
  expect(low.type).toContain('application/problem+json');
  expect(low.body).toMatchObject({ code: 'REMUNERATION_BELOW_MINIMUM' });
  expect(low.body.detail).toContain('840.000 đ');
  expect(await entries()).toHaveLength(0);

  const set = await head.post(
    path('/assessments'),
    { year: 1, basis: 'BENEFIT', benefitVnd: 12_000_000, note: 'Theo báo cáo quyết toán năm' },
    { 'Idempotency-Key': `assess-${id}` },
  );
  expect(set.status).toBe(201);
  const y1 = set.body.years[0];
  expect(y1).toMatchObject({ owedVnd: 840_000, outstandingVnd: 840_000, status: 'OUTSTANDING' });
  expect(y1.assessment).toMatchObject({ basis: 'BENEFIT', benefitVnd: 12_000_000, minimumVnd: 840_000 });
  expect(y1.basisText).toContain('7% × tiền làm lợi 12.000.000 đ = 840.000 đ');
  expect(y1.authors.map((a: { owedVnd: number }) => a.owedVnd)).toEqual([588_000, 252_000]);
  expect(await audits('REMUNERATION_ASSESSED')).toBe(1);

  // Year 2's benefit cannot be calculated: five times the wage the unit takes as its basis.
  const floor = await head.post(path('/assessments'), {
    year: 2,
    basis: 'NOT_CALCULABLE',
    referenceWageVnd: 2_340_000,
  });
  expect(floor.status).toBe(201);
  expect(floor.body.years[1]).toMatchObject({ owedVnd: 11_700_000 });
  expect(floor.body.years[1].basisText).toContain('không tính được tiền làm lợi');
});

test('when a payment is recorded, then what is outstanding drops; sent again with its key, it is written once', async () => {
  const head = h.as('hieutruong.thcs');
  const before = await head.get(path());
  expect(traOf(before.body)).toMatchObject({ owedVnd: 588_000, paidVnd: 0, outstandingVnd: 588_000 });

  // The voucher's scan, uploaded first.
  const form = new FormData();
  form.append(
    'file',
    new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], { type: 'application/pdf' }),
    'phiếu-chi-015.pdf',
  );
  const uploaded = await fetch(`${h.url}${path('/evidence')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token('hieutruong.thcs')}` },
    body: form,
  });
  expect(uploaded.status).toBe(201);
  const evidence = (await uploaded.json()) as { id: string; filename: string };
  expect(evidence.filename).toBe('phiếu-chi-015.pdf');

  const body = {
    year: 1,
    authorKey: 'p-gv-thcs',
    amountVnd: 300_000,
    paidOn: today,
    evidenceReference: 'Phiếu chi số 015/PC',
    evidenceAttachmentId: evidence.id,
  };
  const key = { 'Idempotency-Key': `pay-${id}-1` };
  const paid = await head.post(path('/payments'), body, key);
  expect(paid.status).toBe(201);
  expect(traOf(paid.body)).toMatchObject({ paidVnd: 300_000, outstandingVnd: 288_000 });
  expect(paid.body.totals).toMatchObject({ paidVnd: 300_000 });
  expect(paid.body.payments).toHaveLength(1);
  expect(paid.body.payments[0]).toMatchObject({
    authorName: 'Nguyễn Thị Hương Trà',
    amountVnd: 300_000,
    paidOn: today,
    by: { personId: 'p-ht-thcs' },
    evidence: { reference: 'Phiếu chi số 015/PC', attachment: { id: evidence.id } },
  });

  // A double submission, then a retry whose first attempt's answer was lost (its key taken over after a crash).
  const again = await head.post(path('/payments'), body, key);
  expect(again.status).toBe(201);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  await h.repos.idempotency.model.deleteMany({ _id: { $regex: `pay-${id}-1$` } });
  const retried = await head.post(path('/payments'), body, key);
  expect(retried.status).toBe(201);
  expect(traOf(retried.body)).toMatchObject({ paidVnd: 300_000, outstandingVnd: 288_000 });
  expect((await entries()).filter((e) => e.kind === 'PAYMENT')).toHaveLength(1);
  expect(await audits('REMUNERATION_PAID')).toBe(1);

  // The author reads it, and downloads the voucher.
  const seen = await h.as('giaovien.thcs').get(path());
  expect(traOf(seen.body)).toMatchObject({ paidVnd: 300_000, outstandingVnd: 288_000 });
  const file = await fetch(
    `${h.url}/api/v1/initiatives/${id}/attachments/${encodeURIComponent(evidence.id)}`,
    {
      headers: { authorization: `Bearer ${h.token('giaovien.thcs')}` },
    },
  );
  expect(file.status).toBe(200);
  expect(seen.body.verified).toBe(true);
});

test('when a payment would exceed what is outstanding, or comes from someone else, then it is refused and nothing is written', async () => {
  const count = (await entries()).length;
  const audited = await audits('REMUNERATION_PAID');
  const body = {
    year: 1,
    authorKey: 'p-gv-thcs',
    amountVnd: 288_001,
    paidOn: today,
    evidenceReference: 'PC-016',
  };
  const over = await h.as('hieutruong.thcs').post(path('/payments'), body);
  expect(over.status).toBe(409);
  expect(over.type).toContain('application/problem+json');
  expect(over.body.code).toBe('REMUNERATION_OVERPAYMENT');
  expect(over.body.detail).toBe(
    'Số tiền 288.001 đ vượt quá số còn phải trả cho Nguyễn Thị Hương Trà năm thứ 1 (288.000 đ).',
  );
  const notAssessed = await h
    .as('hieutruong.thcs')
    .post(path('/payments'), { ...body, year: 3, amountVnd: 1 });
  expect(notAssessed.body.code).toBe('REMUNERATION_NOT_ASSESSED');
  const noEvidence = await h
    .as('hieutruong.thcs')
    .post(path('/payments'), { year: 1, authorKey: 'p-gv-thcs', amountVnd: 1, paidOn: today });
  expect(noEvidence.status).toBe(400);

  const fair = { ...body, amountVnd: 1_000 };
  const author = await h.as('giaovien.thcs').post(path('/payments'), fair);
  expect(author.status).toBe(403);
  expect(author.body.code).toBe('FORBIDDEN_ROLE');
  // Another unit's head takes no part in this case.
  expect((await h.as('truongtram.yte').post(path('/payments'), fair)).status).toBe(404);
  expect(await entries()).toHaveLength(count);
  expect(await audits('REMUNERATION_PAID')).toBe(audited);
});

test('when a case has no remuneration schedule, then a payment on it is refused and nothing is written', async () => {
  const filed = await h.as('giaovien.thcs').post('/api/v1/initiatives', {
    title: 'Góc đọc sách ngoài trời',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Tủ sách ngoài sân trường cho học sinh đọc giờ ra chơi.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  expect(filed.status).toBe(201);
  const other = filed.body.id as string;
  await eventually(async () => (await h.repos.cases.findById(other)) ?? undefined);
  const res = await h.as('hieutruong.thcs').post(`/api/v1/initiatives/${other}/remuneration/payments`, {
    year: 1,
    authorKey: 'p-gv-thcs',
    amountVnd: 100_000,
    paidOn: today,
    evidenceReference: 'PC-001',
  });
  expect(res.status).toBe(409);
  expect(res.body.code).toBe('NO_REMUNERATION_SCHEDULE');
  expect(res.body.detail).toContain('không có lịch chi trả thù lao');
  expect(await h.repos.remuneration.list(other)).toEqual([]);
  const view = await h.as('giaovien.thcs').get(`/api/v1/initiatives/${other}/remuneration`);
  expect(view.body).toMatchObject({ applies: false, years: [], mayRecord: false });
});

test('when the author opens her achievement record, then the initiative shows what is owed, paid and outstanding', async () => {
  await eventually(async () =>
    (await h.repos.achievements.model.countDocuments({ initiativeId: id })) === 2 ? true : undefined,
  );
  const mine = await h.as('giaovien.thcs').get('/api/v1/achievements');
  const row = mine.body.items.find((i: { initiativeId: string }) => i.initiativeId === id);
  // Year 1: 588.000 owed, 300.000 paid; year 2: 70% of 11.700.000; year 3 not set yet.
  expect(row.remuneration).toEqual({
    owedVnd: 588_000 + 8_190_000,
    paidVnd: 300_000,
    outstandingVnd: 288_000 + 8_190_000,
    overdue: false,
    years: 3,
    yearsNotAssessed: 1,
  });
});

test('when a payment falls due, then the head is reminded once before and once after the due date', async () => {
  const notifier = createNotifier(h.config, h.repos);
  const reminders = new RemunerationReminders(
    { cases: h.repos.cases, remuneration: h.repos.remuneration, notifier },
    createLogger('silent'),
  );
  const dueBy = Date.parse((await h.repos.cases.findById(id))!.state.remunerationSchedule[0]!.dueBy);
  const keys = async () =>
    (
      await h.repos.tasks.notifications
        .find({ caseId: id, _id: { $regex: '^remuneration:' } })
        .lean()
        .exec()
    )
      .map((n) => n._id)
      .sort();

  // A month before: nothing yet. Ten days before, twice (a second pass, a restarted worker): one reminder.
  expect(await reminders.runOnce(new Date(dueBy - 30 * 86_400_000))).toBe(0);
  expect(await reminders.runOnce(new Date(dueBy - 10 * 86_400_000))).toBe(1);
  expect(await reminders.runOnce(new Date(dueBy - 9 * 86_400_000))).toBe(1);
  expect(await keys()).toEqual([`remuneration:${id}:1:DUE_SOON`]);
  const outbox = async () =>
    (await h.repos.outbox.outbox.countDocuments({ notificationId: { $regex: `^remuneration:${id}:` } })) +
    (await h.repos.outbox.sent.countDocuments({ notificationId: { $regex: `^remuneration:${id}:` } }));
  expect(await outbox()).toBe(1);

  // A day after the due date: the overdue reminder, once.
  await reminders.runOnce(new Date(dueBy + 86_400_000));
  await reminders.runOnce(new Date(dueBy + 2 * 86_400_000));
  expect(await keys()).toEqual([`remuneration:${id}:1:DUE_SOON`, `remuneration:${id}:1:OVERDUE`]);
  expect(await outbox()).toBe(2);

  // The head sees both in the app; the mail server got each once (the worker's sender delivers the outbox).
  const notes = await h.as('hieutruong.thcs').get('/api/v1/me/notifications');
  const mine = notes.body.items.filter((n: { id: string }) => n.id.startsWith('remuneration:'));
  expect(mine.map((n: { message: string }) => n.message.split(':')[0]).sort()).toEqual([
    'Quá hạn chi trả thù lao cho tác giả',
    'Sắp đến hạn chi trả thù lao cho tác giả',
  ]);
  const mails = await eventually(async () => {
    const m = (await mailsOf(id)).filter((x) => /thù lao/.test(x.subject));
    return m.length >= 2 ? m : undefined;
  }, 20_000);
  expect(mails).toHaveLength(2);
  expect(mails.every((m) => m.to.includes('hieutruong.thcs@thanhthuy.example'))).toBe(true);
  expect(mails.map((m) => m.text).join('\n')).toContain('Số còn phải trả: 540.000 đ');
  // The teacher is not the payer: no reminder reaches her.
  const hers = await h.as('giaovien.thcs').get('/api/v1/me/notifications');
  expect(hers.body.items.some((n: { id: string }) => n.id.startsWith('remuneration:'))).toBe(false);
});

test('when the head is an author of the initiative, then he may not set or pay its remuneration, and his page offers neither', async () => {
  const filed = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: {
      title: 'Sổ tay điện tử của hiệu trưởng',
      unitId: 'truong-thcs',
      authors: [
        { personId: 'p-ht-thcs', fullName: 'Lê Văn Hùng', sharePercent: 40 },
        // The test council's member who is recused as an author, as in the other driven cases.
        { personId: 'author-1', fullName: 'Lưu Văn Khánh', sharePercent: 60 },
      ],
      remunerationApplies: true,
    },
    pack: fastPack({ replicationCheckpoints: [{ days: 1 }] }),
  });
  await toReplication(filed.handle);
  await eventually(async () => {
    const c = await h.repos.cases.findById(filed.id);
    return c?.state.remunerationSchedule.length === 3 ? c : undefined;
  }, 30_000);
  const own = (rest: string) => `/api/v1/initiatives/${filed.id}/remuneration${rest}`;
  const view = await h.as('hieutruong.thcs').get(own(''));
  expect(view.body.mayRecord).toBe(false);
  const assess = await h.as('hieutruong.thcs').post(own('/assessments'), {
    year: 1,
    basis: 'BENEFIT',
    benefitVnd: 10_000_000,
  });
  expect(assess.status).toBe(403);
  expect(assess.body.code).toBe('COI_AUTHOR_MAY_NOT_PAY');
  expect(assess.body.detail).toContain('xung đột lợi ích');
  const pay = await h.as('hieutruong.thcs').post(own('/payments'), {
    year: 1,
    authorKey: 'p-ht-thcs',
    amountVnd: 1_000,
    paidOn: today,
    evidenceReference: 'PC-900',
  });
  expect(pay.body.code).toBe('COI_AUTHOR_MAY_NOT_PAY');
  expect(await h.repos.remuneration.list(filed.id)).toEqual([]);
}, 120_000);
