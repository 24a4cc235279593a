/**
 * A case's dossier printed as the application form of TT18 Phụ lục I with its description (PDF and DOCX), rendered on
 * demand from the read model: readable back with the Vietnamese text, the same answer as the case for outsiders (404),
 * nothing issued or recorded.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness({
  people: ['giaovien.thcs', 'hieutruong.thcs', 'thuky', 'yta', 'hieutruong.mamnon', 'uyvien1'],
});

const artifacts = path.resolve(__dirname, '../../test-artifacts/documents');
const pdfText = (pdf: Buffer, ...options: string[]) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', ...options, '-', '-'], { input: pdf }).toString('utf8');
const flat = (s: string) => s.replace(/\s+/g, ' ');

const TITLE = 'Sổ điểm danh bán trú bằng mã QR';

let id: string;
let code: string;

beforeAll(async () => {
  const filed = await h.as('giaovien.thcs').post('/api/v1/initiatives', {
    title: TITLE,
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Học sinh quét mã QR khi vào bữa trưa; giáo viên chủ nhiệm xem danh sách ngay trên điện thoại.',
    addressee: 'Hội đồng sáng kiến xã Thanh Thủy',
    authors: [
      {
        personId: 'p-gv-thcs',
        fullName: 'Nguyễn Thị Hương Trà',
        birthDate: '1986-02-05',
        workplace: 'Trường THCS Thanh Thủy',
        jobTitle: 'Giáo viên',
        qualification: 'Cử nhân Sư phạm Tin học',
        sharePercent: 70,
      },
      { fullName: 'Lưu Văn Khánh', sharePercent: 30 },
    ],
    confidentialInfo: 'Khóa bí mật của máy chủ điểm danh',
    applicationConditions: 'Điện thoại thông minh cho giáo viên chủ nhiệm; mạng Wi-Fi ở nhà ăn.',
    expectedBenefit: 'Mỗi lớp bớt 20 phút điểm danh mỗi ngày.',
    firstApplicationParticipants: ['Phạm Thị Lan, Trường THCS Thanh Thủy'],
    description: {
      priorState: 'Điểm danh bằng sổ giấy, tổng hợp cuối tuần.',
      purpose: 'Biết ngay học sinh nào chưa ăn trưa.',
      content: 'Mỗi học sinh có một thẻ mã QR.\nMáy quét đặt ở cửa nhà ăn.',
    },
  });
  expect(filed.status).toBe(201);
  id = filed.body.id;
  code = filed.body.code;
  await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined);
});

test('when the filer prints the dossier, then the PDF is the application form with the authors and shares, and the description', async () => {
  const res = await fetch(`${h.url}/api/v1/initiatives/${id}/print.pdf`, {
    headers: { authorization: `Bearer ${h.token('giaovien.thcs')}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toContain(`don-yeu-cau-cong-nhan-sang-kien-${code}.pdf`);
  const pdf = Buffer.from(await res.arrayBuffer());
  const text = flat(pdfText(pdf));
  const layout = pdfText(pdf, '-layout');
  for (const s of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN',
    'Kính gửi: Hội đồng sáng kiến xã Thanh Thủy',
    'Tôi (chúng tôi) ghi tên dưới đây:',
    `Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến: ${TITLE}`,
    '- Lĩnh vực áp dụng sáng kiến: Giáo dục',
    '- Mô tả bản chất của sáng kiến: Học sinh quét mã QR khi vào bữa trưa',
    '- Những thông tin cần được bảo mật (nếu có): Khóa bí mật của máy chủ điểm danh',
    '- Những điều kiện cần thiết để áp dụng sáng kiến: Điện thoại thông minh cho giáo viên chủ nhiệm',
    'theo ý kiến của tác giả: Mỗi lớp bớt 20 phút điểm danh mỗi ngày.',
    'Tôi (chúng tôi) xin cam đoan mọi thông tin nêu trong đơn là trung thực',
    'Người nộp đơn',
    '(Ký và ghi rõ họ tên)',
    'BẢN MÔ TẢ SÁNG KIẾN',
    '2. Tình trạng giải pháp đã biết',
    'Điểm danh bằng sổ giấy, tổng hợp cuối tuần.',
    'Mỗi học sinh có một thẻ mã QR. Máy quét đặt ở cửa nhà ăn.',
    `Bản in hồ sơ ${code}`,
  ]) {
    expect(text).toContain(s);
  }
  // The authors' table: one row per author with their share (a row's first line reads across in the layout text).
  const row = (start: RegExp) => layout.split('\n').find((l) => start.test(l)) ?? '';
  expect(row(/^\s*1\s+Nguyễn Thị Hương Trà/)).toMatch(/05\/02\/1986\s+Trường THCS.*Giáo viên\s+Cử nhân.*70%/);
  expect(row(/^\s*2\s+Lưu Văn Khánh/)).toMatch(/Lưu Văn Khánh\s+\.{8}\s+\.{8}\s+\.{8}\s+\.{8}\s+30%/);
  // The people who took part in the first application, in their own table.
  expect(row(/^\s*1\s+Phạm Thị Lan/)).toMatch(/Phạm Thị Lan,.*\.{8}/);
  // What the dossier does not carry is a dotted blank: here the investor.
  expect(text).toMatch(/chủ đầu tư tạo ra sáng kiến\): \.{20,}/);
  // Place and date above the signature: the commune and the filing date; the filer's name under it.
  expect(text).toMatch(/Thanh Thủy, ngày \d{2} tháng \d{2} năm \d{4}/);
  expect(text).toContain('Nguyễn Thị Hương Trà');
  // A print, not an issued document: no number, nothing issued.
  expect(text).not.toMatch(/Số: /);
  expect(await h.repos.documents.model.countDocuments({ initiativeId: id })).toBe(0);

  // A page to look at.
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(path.join(artifacts, 'DOSSIER_PRINT.pdf'), pdf);
  execFileSync('pdftoppm', [
    '-r',
    '60',
    '-png',
    path.join(artifacts, 'DOSSIER_PRINT.pdf'),
    path.join(artifacts, 'DOSSIER_PRINT'),
  ]);
});

test('when the dossier is printed again, then the bytes are the same; the DOCX holds the same form', async () => {
  const get = async (format: string, user = 'giaovien.thcs') =>
    fetch(`${h.url}/api/v1/initiatives/${id}/print.${format}`, {
      headers: { authorization: `Bearer ${h.token(user)}` },
    });
  const [a, b] = await Promise.all([get('pdf'), get('pdf', 'thuky')]);
  expect(Buffer.from(await a.arrayBuffer()).equals(Buffer.from(await b.arrayBuffer()))).toBe(true);

  const docx = await get('docx');
  expect(docx.status).toBe(200);
  expect(docx.headers.get('content-type')).toBe(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) });
  const text = flat(value);
  for (const s of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN',
    'Kính gửi: Hội đồng sáng kiến xã Thanh Thủy',
    TITLE,
    'Nguyễn Thị Hương Trà',
    '70%',
    'Lưu Văn Khánh',
    '30%',
    'BẢN MÔ TẢ SÁNG KIẾN',
  ])
    expect(text).toContain(s);
});

test('when someone who may read the case prints it, then they get it; anyone else gets the same 404 as for the case', async () => {
  // The case's participants: filer, unit head, the commune's secretary.
  for (const u of ['giaovien.thcs', 'hieutruong.thcs', 'thuky'])
    expect((await h.as(u).get(`/api/v1/initiatives/${id}/print.pdf`)).status).toBe(200);
  // Outsiders: another unit's submitter and head, a council member of no council on the case yet.
  for (const u of ['yta', 'hieutruong.mamnon', 'uyvien1']) {
    const asCase = await h.as(u).get(`/api/v1/initiatives/${id}`);
    for (const format of ['pdf', 'docx']) {
      const printed = await h.as(u).get(`/api/v1/initiatives/${id}/print.${format}`);
      expect([printed.status, printed.body.code]).toEqual([asCase.status, asCase.body.code]);
      expect(printed.status).toBe(404);
      expect(JSON.stringify(printed.body)).not.toContain('Khóa bí mật');
    }
  }
  // A case that does not exist answers the same.
  const missing = await h.as('yta').get('/api/v1/initiatives/00000000-0000-4000-8000-000000000000/print.pdf');
  expect([missing.status, missing.body.code]).toEqual([404, 'INITIATIVE_NOT_FOUND']);
  expect((await h.as(null).get(`/api/v1/initiatives/${id}/print.pdf`)).status).toBe(401);
  // Printing writes nothing to the legal record.
  const entries = await h.repos.legalRecord.list(id);
  expect(entries.map((e) => e.kind)).toEqual(['FILED']);
});
