/** The documents of the flow: generated at their step, NĐ30 components, numbered, fingerprinted in the legal record. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import {
  decideRecognitionUpdate,
  formalCheckUpdate,
  registerDossierUpdate,
  revokeUpdate,
  unitReviewUpdate,
} from '../../src/contracts/initiative';
import { toDecision, toReplication } from '../support/drive';
import { api, eventually, login } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { decide, fastPack, fileCase, people } from '../support/lifecycle';

const h = useHarness();

const artifacts = path.resolve(__dirname, '../../test-artifacts/documents');
const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
const flat = (s: string) => s.replace(/\s+/g, ' ');

test('when a case runs through the flow, then each document is issued with the NĐ30 components, its number and signer', async () => {
  const { id, handle } = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: { confidentialInfo: 'Mật khẩu máy chủ: BI-MAT-7731' },
    // Replication must still be open when the decision is revoked at the end, however slow the checks above are.
    pack: fastPack({ replicationCheckpoints: [{ seconds: 600 }, { seconds: 1200 }] }),
  });
  await toReplication(handle);
  const docs = await eventually(async () => {
    const list = await h.repos.documents.list(id);
    return list.filter((d) => d.kind === 'CERTIFICATE').length === 2 ? list : undefined;
  }, 20_000);
  const kinds = docs.map((d) => d.kind);
  expect(new Set(kinds)).toEqual(
    new Set([
      'RECEIPT',
      'COUNCIL_DECISION',
      'SCORE_SHEET',
      'MINUTES',
      'EFFECT_CONFIRMATION',
      'RECOGNITION_DECISION',
      'CERTIFICATE',
    ]),
  );
  expect(kinds.filter((k) => k === 'SCORE_SHEET')).toHaveLength(4);
  expect(kinds.filter((k) => k === 'CERTIFICATE')).toHaveLength(2); // one per author

  fs.mkdirSync(artifacts, { recursive: true });
  for (const meta of docs) {
    const doc = (await h.repos.documents.byKey(meta.key))!;
    const text = flat(pdfText(doc.pdf));
    const docxText = flat((await mammoth.extractRawText({ buffer: doc.docx })).value);
    // Components every document carries: national title and motto, issuing body, place and date.
    for (const t of [text, docxText]) {
      expect(t).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(t).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(t).toMatch(/Thanh Thủy, ngày \d{2} tháng \d{1,2} năm 2026/);
      expect(t).toContain('Ứng dụng sổ điểm điện tử trong trường THCS');
      // One number: the one in the list and the record is the one printed (the receipt's is its register number).
      if (meta.kind !== 'SCORE_SHEET') {
        expect([meta.kind, meta.number]).toEqual([meta.kind, expect.stringMatching(/^\d{2,}\/\S+$/)]);
        expect(t).toContain(`Số: ${meta.number}`);
        // NĐ30 component 9a: every document the commune issues says to whom it goes.
        expect([meta.kind, t.includes('Nơi nhận:')]).toEqual([meta.kind, true]);
      }
    }
    const base = path.join(artifacts, `${meta.kind}-${meta.seq ?? meta._id.split('#')[1] ?? 0}`);
    fs.writeFileSync(`${base}.pdf`, doc.pdf);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '2', `${base}.pdf`, base]);
  }

  const decision = (await h.repos.documents.byKey(`${id}:RECOGNITION_DECISION`))!;
  const text = flat(pdfText(decision.pdf));
  expect(decision.number).toMatch(/^\d{2}\/QĐ-UBND$/);
  expect(text).toContain('ỦY BAN NHÂN DÂN XÃ THANH THỦY'); // on two lines, as NĐ30 lays it out
  expect(text).toContain('QUYẾT ĐỊNH');
  expect(text).toContain('Về việc công nhận sáng kiến');
  expect(text).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH THỦY');
  expect(text).toContain('Căn cứ Nghị định số 13/2012/NĐ-CP');
  // A vice-chairman signed for the chairman.
  expect(text).toMatch(/KT\. CHỦ TỊCH\s+PHÓ CHỦ TỊCH/);
  expect(text).toContain('Hoàng Văn Bình');
  expect(text).toContain('Nơi nhận:');
  expect(text).toContain('DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN');
  expect(text).toContain('Nguyễn Thị Hương Trà (70%)');
  const minutes = docs.find((d) => d.kind === 'MINUTES')!;
  expect(minutes.number).toMatch(/^\d{2}\/BB-HĐSK$/);
  expect(docs.find((d) => d.kind === 'EFFECT_CONFIRMATION')!.number).toMatch(/^\d{2}\/GXN$/);
  const receipt = docs.find((d) => d.kind === 'RECEIPT')!;
  expect(receipt.number).toBe((await h.repos.cases.findById(id))!.state.registration!.registerNo);

  // Each document's SHA-256 is in the legal record; re-downloading gives the same bytes.
  const record = await h.repos.legalRecord.list(id);
  const refs = record.flatMap(
    (e) => (e.details['documents'] as { id: string; pdfSha256: string }[] | undefined) ?? [],
  );
  expect(refs.map((r) => r.id).sort()).toEqual(docs.map((d) => d._id).sort());
  const again = (await h.repos.documents.byKey(decision.key))!;
  expect(again.pdf.equals(decision.pdf)).toBe(true);
  expect(refs.find((r) => r.id === decision._id)!.pdfSha256).toBe(decision.pdfSha256);
  expect((await h.repos.legalRecord.verify(id)).ok).toBe(true);

  // Participants download the very bytes that were issued.
  const supervisor = await login(h, 'giamsat');
  const listed = await api(h, supervisor, 'GET', `/api/v1/initiatives/${id}/documents`);
  expect(listed.body.items.map((d: { kind: string }) => d.kind)).toContain('RECOGNITION_DECISION');
  const dl = await fetch(
    `${h.url}/api/v1/initiatives/${id}/documents/${encodeURIComponent(decision.key)}/pdf`,
    {
      headers: { authorization: `Bearer ${supervisor}` },
    },
  );
  expect(dl.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await dl.arrayBuffer()).equals(decision.pdf)).toBe(true);
  expect(dl.headers.get('x-content-sha256')).toBe(decision.pdfSha256);

  // The public list and the open-data exports: no login, the recognised case with its decision, no confidential part.
  const pub = await eventually(async () => {
    const r = await api(h, null, 'GET', '/api/v1/public/initiatives?q=so%20diem%20DIEN%20TU');
    return r.body.items?.find((x: { id: string }) => x.id === id) ? r : undefined;
  });
  expect(pub.body.items.find((x: { id: string }) => x.id === id)).toMatchObject({
    decisionNumber: decision.number,
    unitName: 'Trường THCS Thanh Thủy',
    effect: 'Có hiệu quả',
    authors: [
      { fullName: 'Nguyễn Thị Hương Trà', sharePercent: 70 },
      { fullName: 'Trần Văn Nam', sharePercent: 30 },
    ],
  });
  const csv = await fetch(`${h.url}/api/v1/public/initiatives.csv`);
  const csvText = await csv.text();
  expect(csv.headers.get('content-type')).toContain('text/csv');
  expect(csvText).toContain('Ứng dụng sổ điểm điện tử trong trường THCS');
  const jsonText = await (await fetch(`${h.url}/api/v1/public/initiatives.json`)).text();
  for (const published of [JSON.stringify(pub.body), csvText, jsonText]) {
    expect(published).not.toContain('BI-MAT-7731');
    expect(published).not.toContain('author-1');
  }
  // A decision signed at 06:16 on 2/12/2026 in Vietnam (23:16 on 1/12 UTC) is dated 2/12 wherever a person reads it.
  await h.repos.cases.model.updateOne(
    { _id: id },
    { $set: { decisionDate: new Date('2026-12-01T23:16:00Z') } },
  );
  const early = (await api(h, null, 'GET', '/api/v1/public/initiatives')).body.items.find(
    (x: { id: string }) => x.id === id,
  );
  expect(early.decisionDate).toBe('2026-12-02');
  expect(await (await fetch(`${h.url}/api/v1/public/initiatives.csv`)).text()).toContain('"2026-12-02"');

  // Revocation marks the decision, never deletes it.
  await decide(handle, revokeUpdate, { actor: people.chairman, reasons: 'Hồ sơ khai không trung thực' });
  const revoked = await eventually(async () => {
    const d = await h.repos.documents.byKey(decision.key);
    return d?.revokedAt ? d : undefined;
  });
  expect(revoked.revokedReason).toContain('Hồ sơ khai không trung thực');
  expect(revoked.pdfSha256).toBe(decision.pdfSha256);
  await eventually(async () => {
    const r = await api(h, null, 'GET', '/api/v1/public/initiatives');
    return r.body.items.some((x: { id: string }) => x.id === id) ? undefined : true;
  });
});

test('when a dossier is sent back, not accepted or refused, then the notice is issued with its reasons and its TB-UBND number', async () => {
  const notices: { kind: string; must: string[] }[] = [];
  // Amendment asked by the secretary, then not accepted.
  const a = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: { title: 'Bản đồ số khu dân cư' },
  });
  await decide(a.handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  await decide(a.handle, registerDossierUpdate, { actor: people.secretary });
  await decide(a.handle, formalCheckUpdate, {
    actor: people.secretary,
    outcome: 'REQUEST_AMENDMENT',
    items: ['Bổ sung sơ đồ vị trí áp dụng'],
  });
  notices.push({
    kind: 'AMENDMENT_NOTICE',
    must: ['THÔNG BÁO', 'Về việc bổ sung hồ sơ', 'Bổ sung sơ đồ vị trí áp dụng', 'TL. CHỦ TỊCH'],
  });
  const b = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: { title: 'Quy trình cấp phép trùng lặp' },
  });
  await decide(b.handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  await decide(b.handle, registerDossierUpdate, { actor: people.secretary });
  await decide(b.handle, formalCheckUpdate, {
    actor: people.secretary,
    outcome: 'NOT_ACCEPT',
    reasons: 'Giải pháp đang được bảo hộ sở hữu trí tuệ',
  });
  notices.push({
    kind: 'NON_ACCEPTANCE_NOTICE',
    must: ['Về việc không chấp nhận đơn', 'Giải pháp đang được bảo hộ sở hữu trí tuệ'],
  });
  // Refused by the chairman with written reasons.
  const c = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: { title: 'Lịch trực điện tử' },
  });
  await toDecision(c.handle);
  await decide(c.handle, decideRecognitionUpdate, {
    actor: people.chairman,
    outcome: 'REFUSE',
    reasons: 'Chưa chứng minh được tính mới trong xã',
    signerTitle: 'CHU_TICH',
  });
  notices.push({
    kind: 'REFUSAL_NOTICE',
    must: ['Về việc từ chối công nhận sáng kiến', 'Chưa chứng minh được tính mới trong xã', 'CHỦ TỊCH'],
  });

  fs.mkdirSync(artifacts, { recursive: true });
  for (const [i, id] of [a.id, b.id, c.id].entries()) {
    const want = notices[i]!;
    const doc = await eventually(async () =>
      (await h.repos.documents.list(id)).find((d) => d.kind === want.kind),
    );
    expect(doc.number).toMatch(/^\d{2}\/TB-UBND$/);
    const full = (await h.repos.documents.byKey(doc.key))!;
    const text = flat(pdfText(full.pdf));
    for (const s of [...want.must, `Số: ${doc.number}`]) expect(text).toContain(s);
    expect(flat((await mammoth.extractRawText({ buffer: full.docx })).value)).toContain(want.must[1]!);
    const base = path.join(artifacts, want.kind);
    fs.writeFileSync(`${base}.pdf`, full.pdf);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', `${base}.pdf`, base]);
  }
});
