/**
 * Every list as a spreadsheet: the same rows as the list (same filters, same access), Vietnamese headings, dates as
 * real dates shown dd/mm/yyyy, money as numbers in VND format. Each file is opened again with exceljs.
 */
import ExcelJS from 'exceljs';
import { VND_FORMAT } from '../../src/reports/xlsx';
import { toReplication } from '../support/drive';
import { fileCase, fastPack } from '../support/lifecycle';
import { eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness({ people: ['giamsat', 'giaovien.thcs'] });
const TITLE = 'Sổ theo dõi tủ thuốc điện tử';

async function download(
  user: string | null,
  path: string,
): Promise<{ status: number; book: ExcelJS.Workbook }> {
  const res = await fetch(h.url + path, {
    headers: user ? { authorization: `Bearer ${h.token(user)}` } : {},
  });
  const book = new ExcelJS.Workbook();
  if (res.status === 200) {
    expect(res.headers.get('content-type')).toContain('spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?[a-z-]+\.xlsx"?$/);
    await book.xlsx.load(await res.arrayBuffer());
  }
  return { status: res.status, book };
}
const headings = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
const column = (ws: ExcelJS.Worksheet, header: string) => headings(ws).indexOf(header) + 1;

let id: string;
beforeAll(async () => {
  const filed = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: { title: TITLE, unitId: 'truong-thcs' },
    pack: fastPack({ replicationCheckpoints: [{ days: 1 }] }),
  });
  id = filed.id;
  await toReplication(filed.handle);
  await eventually(async () => {
    const r = await fetch(`${h.url}/api/v1/public/initiatives?limit=100`);
    const body = (await r.json()) as { items: { id: string }[] };
    return body.items.some((i) => i.id === id) ? true : undefined;
  }, 30_000);
}, 120_000);

test('when anyone downloads the open data as XLSX, then money is a number in đồng and the decision date a real date', async () => {
  const { status, book } = await download(null, '/api/v1/public/initiatives.xlsx');
  expect(status).toBe(200);
  const ws = book.getWorksheet('Sáng kiến được công nhận')!;
  expect(headings(ws)).toEqual([
    'Mã',
    'Tên sáng kiến',
    'Tác giả',
    'Đơn vị',
    'Lĩnh vực',
    'Tóm tắt',
    'Hiệu quả',
    'Số tiền làm lợi',
    'Số quyết định',
    'Ngày quyết định',
  ]);
  const row = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === id)!;
  expect(row.getCell(2).value).toBe(TITLE);
  const money = row.getCell(column(ws, 'Số tiền làm lợi'));
  expect(money.value).toBe(12_000_000);
  expect(money.numFmt).toBe(VND_FORMAT);
  const date = row.getCell(column(ws, 'Ngày quyết định'));
  expect(date.value).toBeInstanceOf(Date);
  expect(date.numFmt).toBe('dd/mm/yyyy');
  expect(row.getCell(column(ws, 'Số quyết định')).value).toMatch(/^\d+\/QĐ-UBND$/);
});

test('when the supervisor downloads the case list, the stuck board and the statistics, then each has the list’s rows', async () => {
  const list = await fetch(`${h.url}/api/v1/initiatives?stage=REPLICATION_FOLLOW_UP&limit=100`, {
    headers: { authorization: `Bearer ${h.token('giamsat')}` },
  }).then((r) => r.json() as Promise<{ total: number }>);
  const cases = await download('giamsat', '/api/v1/initiatives.xlsx?stage=REPLICATION_FOLLOW_UP');
  const ws = cases.book.getWorksheet('Hồ sơ')!;
  expect(ws.rowCount - 1).toBe(list.total);
  const row = ws
    .getRows(2, ws.rowCount - 1)!
    .find((r) => r.getCell(column(ws, 'Tên sáng kiến')).value === TITLE)!;
  expect(row.getCell(column(ws, 'Giai đoạn')).value).toBe('Nhân rộng');
  expect(row.getCell(column(ws, 'Đơn vị')).value).toBe('Trường THCS Thanh Thủy');
  expect(row.getCell(column(ws, 'Ngày nộp')).value).toBeInstanceOf(Date);

  const stuck = await download('giamsat', '/api/v1/supervision/stuck.xlsx');
  expect(stuck.status).toBe(200);
  expect(headings(stuck.book.getWorksheet('Hồ sơ ách tắc')!)).toContain('Số ngày làm việc không tiến triển');

  const stats = await download('giamsat', '/api/v1/supervision/stats.xlsx');
  const json = await fetch(`${h.url}/api/v1/supervision/stats`, {
    headers: { authorization: `Bearer ${h.token('giamsat')}` },
  }).then((r) => r.json() as Promise<{ byStage: Record<string, number> }>);
  const byStage = stats.book.getWorksheet('Theo giai đoạn')!;
  const nhanRong = byStage.getRows(2, byStage.rowCount - 1)!.find((r) => r.getCell(1).value === 'Nhân rộng')!;
  expect(nhanRong.getCell(2).value).toBe(json.byStage['REPLICATION_FOLLOW_UP']);
  expect(stats.book.worksheets.map((w) => w.name)).toEqual([
    'Theo giai đoạn',
    'Theo đơn vị',
    'Theo tình trạng',
    'Thời gian ở giai đoạn',
  ]);
});

test('when someone without the list’s access asks for its spreadsheet, then it is refused like the list', async () => {
  expect((await download('giaovien.thcs', '/api/v1/supervision/stuck.xlsx')).status).toBe(403);
  expect((await download(null, '/api/v1/initiatives.xlsx')).status).toBe(401);
  const bad = await fetch(`${h.url}/api/v1/initiatives.xlsx?stage=KHONG_CO`, {
    headers: { authorization: `Bearer ${h.token('giamsat')}` },
  });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
});

test('when the officer downloads the achievement record, then the author’s row names the scope, the effect and the decision date', async () => {
  const { status, book } = await download('giamsat', '/api/v1/achievements.xlsx');
  expect(status).toBe(200);
  const ws = book.getWorksheet('Thành tích')!;
  const row = ws
    .getRows(2, ws.rowCount - 1)!
    .find(
      (r) =>
        r.getCell(column(ws, 'Tên sáng kiến')).value === TITLE &&
        r.getCell(column(ws, 'Tác giả')).value === 'Nguyễn Thị Hương Trà',
    )!;
  expect(row.getCell(column(ws, 'Tỷ lệ đóng góp (%)')).value).toBe(70);
  expect(row.getCell(column(ws, 'Phạm vi ảnh hưởng')).value).toBe('Cấp xã');
  expect(row.getCell(column(ws, 'Hiệu quả')).value).toBe('Có hiệu quả');
  expect(row.getCell(column(ws, 'Ngày quyết định')).value).toBeInstanceOf(Date);
  expect(ws.getColumn(column(ws, 'Thù lao phải trả (đ)')).numFmt).toBe(VND_FORMAT);
});
