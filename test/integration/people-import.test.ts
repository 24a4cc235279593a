/** People imported from a spreadsheet: each row's problems in Vietnamese, nobody half-imported, a link for each. */
import ExcelJS from 'exceljs';
import { IMPORT_HEADINGS, UNIT_HEADINGS, UNIT_SHEET } from '../../src/domain/people-import';
import { api, eventually } from '../support/harness';
import { mailsTo } from '../support/mailpit';
import { useHarness } from '../support/use-harness';

const h = useHarness({ people: ['quantri', 'giamsat'], env: { PUBLIC_URL: 'http://sangkien.test' } });

async function xlsx(rows: string[][], headings: readonly string[] = IMPORT_HEADINGS): Promise<Blob> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Người dùng');
  ws.addRow([...headings]);
  for (const r of rows) ws.addRow(r);
  return new Blob([await book.xlsx.writeBuffer()]);
}
async function upload(user: string, file: Blob, name = 'nguoi-dung.xlsx') {
  const form = new FormData();
  form.append('file', file, name);
  const res = await fetch(`${h.url}/api/v1/admin/people/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token(user)}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}
const count = () => h.repos.directory.people.countDocuments({});

const nurse = [
  'p-dd-tram',
  'dieuduong.tram',
  'Hà Thị Thu',
  'Tác giả sáng kiến',
  'Trạm Y tế xã Thanh Thủy',
  '',
  'thu.ha@thanhthuy.example',
  '',
];
const head = [
  'p-ht-tieuhoc',
  'hieutruong.tieuhoc',
  'Lý Văn Sơn',
  'UNIT_HEAD',
  'truong-tieu-hoc',
  '',
  '',
  '0912 345 678',
];

test('when one row of the spreadsheet is wrong, then nobody is imported and each bad row says why', async () => {
  const before = await count();
  const r = await upload(
    'quantri',
    await xlsx([
      nurse,
      ['p-bad', 'thuky', 'Người Trùng Tên', 'Thủ quỹ', 'Trường Không Có', '', 'khong-phai-thu', ''],
      ['', '', '', '', '', '', '', ''], // an empty row is skipped
      ['p-dd-tram', 'dieuduong.tram2', 'Hà Thị Thu', 'tac gia sang kien', 'tram-y-te', '', '', ''],
    ]),
  );
  expect(r.status).toBe(422);
  expect(r.body.code).toBe('IMPORT_REJECTED');
  expect(r.body.detail).toBe('2 trong 3 dòng có lỗi; chưa nhập gì. Sửa các dòng được nêu rồi tải lên lại.');
  expect(r.body.rows).toEqual([
    {
      sheet: 'Người dùng',
      row: 3,
      username: 'thuky',
      errors: [
        'Tên đăng nhập "thuky" đã được dùng',
        'Không có vai trò "Thủ quỹ"',
        'Không có đơn vị "Trường Không Có"',
        'Địa chỉ thư điện tử "khong-phai-thu" không hợp lệ',
      ],
    },
    {
      sheet: 'Người dùng',
      row: 5,
      username: 'dieuduong.tram2',
      errors: ['Mã người dùng "p-dd-tram" trùng với dòng 2'],
    },
  ]);
  expect(await count()).toBe(before);
});

test('when every row is right, then everyone is imported and gets a link to set their own password', async () => {
  const since = Date.now();
  const r = await upload('quantri', await xlsx([nurse, head]));
  expect(r.status).toBe(201);
  expect(r.body.imported).toBe(2);
  const nurseRec = await h.repos.directory.byId('p-dd-tram');
  expect(nurseRec).toMatchObject({
    roles: ['SUBMITTER'],
    unitIds: ['tram-y-te'],
    email: 'thu.ha@thanhthuy.example',
  });
  expect(await h.repos.directory.byId('p-ht-tieuhoc')).toMatchObject({
    roles: ['UNIT_HEAD'],
    phone: '0912 345 678',
  });
  const [n, s] = r.body.people;
  expect(n).toMatchObject({ row: 2, username: 'dieuduong.tram', mailedTo: 'thu.ha@thanhthuy.example' });
  expect(s).toMatchObject({ row: 3, username: 'hieutruong.tieuhoc', mailedTo: null });

  // Nobody can sign in before setting a password; the mailed link sets it.
  expect(
    (
      await api(h, null, 'POST', '/api/v1/auth/login', {
        username: 'dieuduong.tram',
        password: '!imported-set-through-link',
      })
    ).status,
  ).toBe(401);
  const mail = await eventually(async () => (await mailsTo('thu.ha@thanhthuy.example', since))[0]);
  expect(mail.text).toContain(n.link);
  const token = (n.link as string).split('#')[1];
  expect(
    (
      await api(h, null, 'POST', '/api/v1/auth/password-reset', {
        token,
        newPassword: 'điều-dưỡng-trạm-2026',
      })
    ).status,
  ).toBe(204);
  expect(
    (
      await api(h, null, 'POST', '/api/v1/auth/login', {
        username: 'dieuduong.tram',
        password: 'điều-dưỡng-trạm-2026',
      })
    ).status,
  ).toBe(200);

  // The same file again: everyone is already there, nobody is added twice.
  const again = await upload('quantri', await xlsx([nurse, head]));
  expect(again.status).toBe(422);
  expect(again.body.rows[0].errors).toContain('Mã người dùng "p-dd-tram" đã có trong danh bạ');
});

test('when the file is not the template, or the caller is not an administrator, then nothing is read', async () => {
  let r = await upload('quantri', await xlsx([nurse], ['Họ tên', 'Email']));
  expect(r).toMatchObject({ status: 400, body: { code: 'IMPORT_FILE_INVALID' } });
  expect(r.body.detail).toBe(
    'Dòng đầu của trang "Người dùng" thiếu cột: Mã người dùng, Tên đăng nhập, Họ và tên, Vai trò.',
  );
  r = await upload('quantri', new Blob(['không phải bảng tính']));
  expect(r).toMatchObject({ status: 400, body: { code: 'IMPORT_FILE_INVALID' } });
  expect((await upload('giamsat', await xlsx([nurse]))).status).toBe(403);

  const tpl = await fetch(`${h.url}/api/v1/admin/people/import-template.xlsx`, {
    headers: { authorization: `Bearer ${h.token('quantri')}` },
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await tpl.arrayBuffer());
  expect((book.getWorksheet('Người dùng')!.getRow(1).values as unknown[]).slice(1)).toEqual([
    ...IMPORT_HEADINGS,
  ]);
  expect(book.getWorksheet('Danh mục')!.rowCount).toBeGreaterThan(10);
});

/** A workbook with the people's sheet and the sheet of new units. */
async function withUnits(units: string[][], people: string[][]): Promise<Blob> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Người dùng');
  ws.addRow([...IMPORT_HEADINGS]);
  for (const r of people) ws.addRow(r);
  const us = book.addWorksheet(UNIT_SHEET);
  us.addRow([...UNIT_HEADINGS]);
  for (const r of units) us.addRow(r);
  return new Blob([await book.xlsx.writeBuffer()]);
}

test('when the workbook adds units too, then a bad unit row imports nothing, and a good one imports the units and their people together', async () => {
  const units = () => h.repos.directory.units.countDocuments({});
  const [unitsBefore, peopleBefore] = [await units(), await count()];
  const kdc = ['khu-dan-cu-4', 'Khu dân cư số 4', 'Khu dân cư'];
  const truong = ['p-tk-kdc4', 'truongkhu.kdc4', 'Đào Văn Lộc', 'UNIT_HEAD', 'Khu dân cư số 4', '', '', ''];
  const bad = await upload(
    'quantri',
    await withUnits([kdc, ['truong-thcs', 'Trường THCS Thanh Thủy', 'Hợp tác xã']], [truong]),
  );
  expect(bad.status).toBe(422);
  expect(bad.body.rows).toEqual([
    {
      sheet: UNIT_SHEET,
      row: 3,
      username: 'truong-thcs',
      errors: [
        'Mã đơn vị "truong-thcs" đã có',
        'Đơn vị "Trường THCS Thanh Thủy" đã có',
        'Không có loại đơn vị "Hợp tác xã"',
      ],
    },
  ]);
  expect([await units(), await count()]).toEqual([unitsBefore, peopleBefore]);

  const good = await upload('quantri', await withUnits([kdc], [truong]));
  expect(good.status).toBe(201);
  expect(good.body).toMatchObject({ imported: 1, units: [{ id: 'khu-dan-cu-4', name: 'Khu dân cư số 4' }] });
  expect(await h.repos.directory.units.findById('khu-dan-cu-4').lean().exec()).toMatchObject({
    name: 'Khu dân cư số 4',
    kind: 'RESIDENTIAL_AREA',
  });
  expect(await h.repos.directory.people.findById('p-tk-kdc4').lean().exec()).toMatchObject({
    unitIds: ['khu-dan-cu-4'],
    roles: ['UNIT_HEAD'],
  });
});
