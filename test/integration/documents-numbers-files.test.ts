/**
 * Around the documents: numbers of a series taken at once, uploaded files checked and fingerprinted in the record,
 * and the period's summary report issued as a document (BC-UBND) with its yearly schedule.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { renderPdf } from '../../src/documents/pdf';
import { toReplication } from '../support/drive';
import { api, eventually, login } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { fileCase } from '../support/lifecycle';

const h = useHarness({ env: { ATTACHMENT_MAX_BYTES: String(200 * 1024) } });

const artifacts = path.resolve(__dirname, '../../test-artifacts/documents');
const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
const flat = (s: string) => s.replace(/\s+/g, ' ');

test('when 50 signings in one series happen at once, then they get 50 distinct consecutive numbers; a new year starts at 01', async () => {
  const series = `TEST-${Date.now()}`;
  const numbers = await Promise.all(
    Array.from({ length: 50 }, (_, i) => h.repos.documents.takeNumber(series, 2026, `${series}:key-${i}`)),
  );
  expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  // The same key keeps its number (a retried signing).
  expect(await h.repos.documents.takeNumber(series, 2026, `${series}:key-7`)).toBe(numbers[7]);
  expect(await h.repos.documents.takeNumber(series, 2027, `${series}:first-of-2027`)).toBe(1);
  // The note of the last number can lag behind (a crash after numbering, a lost raise): the next is still 51, no gap.
  await h.repos.documents.numbers.db
    .collection('documentNumberHints')
    .updateOne({ _id: `${series}|2026` as never }, { $set: { seq: 12 } });
  expect(await h.repos.documents.takeNumber(series, 2026, `${series}:key-50`)).toBe(51);
  await h.repos.documents.numbers.db
    .collection('documentNumberHints')
    .deleteOne({ _id: `${series}|2026` as never });
  expect(await h.repos.documents.takeNumber(series, 2026, `${series}:key-51`)).toBe(52);
  expect(await h.repos.documents.takeNumber(series, 2026, `${series}:key-50`)).toBe(51);
});

test('when files are uploaded, then only allowed types whose content matches are stored, with their SHA-256 in the record', async () => {
  const author = await login(h, 'giaovien.thcs');
  const filed = await api(h, author, 'POST', '/api/v1/initiatives', {
    title: 'Tủ sách dùng chung',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 9 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Chia sẻ sách giữa các lớp.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  const id = filed.body.id as string;
  await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined);
  const upload = async (bytes: Buffer, filename: string, type: string, confidential = false) => {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), filename);
    if (confidential) form.append('confidential', 'true');
    const res = await fetch(`${h.url}/api/v1/initiatives/${id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author}` },
      body: form,
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: (await res.json()) as any,
    };
  };
  const pdfBytes = await renderPdf({
    issuer: { name: 'Trường THCS Thanh Thủy' },
    number: null,
    place: 'Thanh Thủy',
    date: new Date(),
    type: 'Bản mô tả sáng kiến',
    body: [{ kind: 'paragraph', text: 'Tình trạng giải pháp đã biết, mục đích, nội dung và hiệu quả.' }],
  });
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da636000000000050001a5f645400000000049454e44ae426082',
    'hex',
  );

  const ok = await upload(pdfBytes, 'Bản mô tả sáng kiến.pdf', 'application/pdf');
  expect(ok.status).toBe(201);
  expect(ok.body).toMatchObject({
    contentType: 'application/pdf',
    size: pdfBytes.length,
    filename: 'Bản mô tả sáng kiến.pdf',
  });
  const before = await h.repos.attachments.model.countDocuments({ initiativeId: id });

  const refused = [
    await upload(png, 'anh.pdf', 'application/pdf'), // content is PNG, declared PDF
    await upload(Buffer.from('Xin chào, đây là văn bản thường'), 'ghi-chu.txt', 'text/plain'),
    await upload(
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300 * 1024, 65)]),
      'lon.pdf',
      'application/pdf',
    ),
  ];
  expect(refused.map((r) => [r.status, r.body.code])).toEqual([
    [415, 'ATTACHMENT_TYPE_MISMATCH'],
    [415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    [413, 'ATTACHMENT_TOO_LARGE'],
  ]);
  for (const r of refused) expect(r.type).toContain('application/problem+json');
  expect(await h.repos.attachments.model.countDocuments({ initiativeId: id })).toBe(before);

  const entries = await eventually(async () => {
    const list = await h.repos.legalRecord.list(id);
    return list.some((e) => e.kind === 'ATTACHMENT_ADDED') ? list : undefined;
  });
  const added = entries.filter((e) => e.kind === 'ATTACHMENT_ADDED');
  expect(added).toHaveLength(1);
  expect((added[0]!.details['attachment'] as { sha256: string }).sha256).toBe(ok.body.sha256);
  const back = await fetch(
    `${h.url}/api/v1/initiatives/${id}/attachments/${encodeURIComponent(ok.body.id)}`,
    { headers: { authorization: `Bearer ${author}` } },
  );
  expect(Buffer.from(await back.arrayBuffer()).equals(pdfBytes)).toBe(true);
});

test('when a supervisor asks for a period’s report, then figures and a BC-UBND document come back; yearly by schedule', async () => {
  const { handle } = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: { title: 'Sổ tay điện tử của tổ chuyên môn' },
  });
  await toReplication(handle);
  const supervisor = await login(h, 'giamsat');
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const from = `${today.slice(0, 4)}-01-01`;
  const data = await eventually(async () => {
    const r = await api(h, supervisor, 'GET', `/api/v1/reports/summary?from=${from}&to=${today}`);
    return r.body.recognised?.some((x: { title: string }) => x.title === 'Sổ tay điện tử của tổ chuyên môn')
      ? r.body
      : undefined;
  });
  expect(data.filed).toBeGreaterThanOrEqual(1);
  expect(data.byStatus.OPEN).toBeGreaterThanOrEqual(1);

  const issued = await api(h, supervisor, 'POST', '/api/v1/reports/summary', { from, to: today });
  expect(issued.status).toBe(201);
  expect(issued.body.number).toMatch(/^\d{2}\/BC-UBND$/);
  const pdf = await fetch(
    `${h.url}/api/v1/reports/documents/${encodeURIComponent(issued.body.documentId)}/pdf`,
    { headers: { authorization: `Bearer ${supervisor}` } },
  );
  const text = flat(pdfText(Buffer.from(await pdf.arrayBuffer())));
  for (const s of [
    'BÁO CÁO',
    'Tổng kết phong trào sáng kiến',
    'Sổ tay điện tử của tổ chuyên môn',
    `Số: ${issued.body.number}`,
    'TM. ỦY BAN NHÂN DÂN',
  ]) {
    expect(text).toContain(s);
  }
  const doc = (await h.repos.documents.byKey(issued.body.documentId))!;
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(path.join(artifacts, 'SUMMARY_REPORT.pdf'), doc.pdf);
  execFileSync('pdftoppm', [
    '-r',
    '60',
    '-png',
    '-f',
    '1',
    '-l',
    '1',
    path.join(artifacts, 'SUMMARY_REPORT.pdf'),
    path.join(artifacts, 'SUMMARY_REPORT'),
  ]);

  // Not for other roles.
  expect(
    (await api(h, await login(h, 'giaovien.thcs'), 'GET', `/api/v1/reports/summary?from=${from}&to=${today}`))
      .status,
  ).toBe(403);
  // The yearly schedule exists: 17:00 on 31 December, Vietnam time.
  const schedule = await h.client.schedule.getHandle('summary-report-yearly').describe();
  expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'summaryReportWorkflow' });
  expect(schedule.spec.calendars?.[0]).toMatchObject({
    month: [{ start: 'DECEMBER', end: 'DECEMBER' }],
    dayOfMonth: [{ start: 31, end: 31 }],
    hour: [{ start: 17, end: 17 }],
  });
  expect(schedule.spec.timezone).toBe('Asia/Ho_Chi_Minh');
});
