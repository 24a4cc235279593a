/**
 * People imported from a spreadsheet: the administrator downloads the template, fills one person per row and uploads
 * it. Every row is checked first (src/domain/people-import.ts); one bad row imports nobody and the answer lists each
 * row's problems in Vietnamese. Imported people get no password: each gets a one-time link (mailed when they have an
 * address) to set their own, valid for seven days.
 */
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { checkRows, IMPORT_HEADINGS, type RowResult } from '../../domain/people-import';
import { ROLE_VI } from '../../domain/roles';
import { foldVietnamese } from '../../domain/text';
import { isDuplicateKeyError } from '../../db/cases';
import { XLSX_TYPE, sheet, xlsxOf } from '../../reports/xlsx';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { mailResetLink, resetLink } from './passwords';

const ADMIN = ['ADMIN'] as const;
/** How long an imported person's link to set their password works. */
export const IMPORT_LINK_TTL_MS = 7 * 86_400_000;
const MAX_ROWS = 1000;
/** A password hash no password matches: the person sets theirs through the link. */
const NO_PASSWORD = '!imported-set-through-link';

/** The rows of the first sheet as text cells in the order of the headings; a problem when a heading is missing. */
async function readSheet(buffer: Buffer): Promise<{ row: number; cells: string[] }[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new ProblemError(400, 'IMPORT_FILE_INVALID', 'Tệp không phải bảng tính Excel (.xlsx) đọc được.');
  }
  const ws = book.worksheets[0];
  if (!ws) throw new ProblemError(400, 'IMPORT_FILE_INVALID', 'Bảng tính không có trang nào.');
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'object' && 'result' in v) {
      const r = v.result;
      return typeof r === 'string' || typeof r === 'number' ? String(r) : '';
    }
    if (typeof v === 'object') return ''; // a formula, an error or a hyperlink without text: not a person's data
    return String(v);
  };
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => foldVietnamese(text(v)).trim());
  const columns = IMPORT_HEADINGS.map((h) => header.indexOf(foldVietnamese(h)));
  const missing = IMPORT_HEADINGS.filter((_, i) => i < 4 && columns[i]! < 0);
  if (missing.length)
    throw new ProblemError(
      400,
      'IMPORT_FILE_INVALID',
      `Dòng đầu của bảng tính thiếu cột: ${missing.join(', ')}.`,
    );
  const rows: { row: number; cells: string[] }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cells = columns.map((c) => (c < 0 ? '' : text(r.getCell(c).value)));
    if (cells.some((c) => c.trim())) rows.push({ row: n, cells });
  });
  if (rows.length === 0)
    throw new ProblemError(400, 'IMPORT_FILE_INVALID', 'Bảng tính không có dòng người dùng nào.');
  if (rows.length > MAX_ROWS)
    throw new ProblemError(400, 'IMPORT_FILE_INVALID', `Mỗi lần nhập tối đa ${MAX_ROWS} người.`);
  return rows;
}

/** People import routes. */
export function peopleImportRoutes(deps: GatewayDeps): Route[] {
  const dir = deps.repos.directory;
  return [
    route({
      method: 'get',
      path: '/api/v1/admin/people/import-template.xlsx',
      summary: 'Mẫu bảng tính để nhập người dùng (kèm danh sách vai trò, đơn vị, Hội đồng)',
      tag: 'Quản trị',
      access: [...ADMIN],
      success: { status: 200, description: 'Tệp XLSX', schema: z.string(), mediaType: XLSX_TYPE },
      handler: async () => {
        const units = await dir.units.find({}, { name: 1 }).sort({ _id: 1 }).lean().exec();
        const councils = await dir.councils.find({}, { name: 1 }).sort({ _id: 1 }).lean().exec();
        const names = [
          ...Object.entries(ROLE_VI).map(([id, name]) => ({ kind: 'Vai trò', id, name })),
          ...units.map((u) => ({ kind: 'Đơn vị', id: u._id, name: u.name })),
          ...councils.map((c) => ({ kind: 'Hội đồng', id: c._id, name: c.name })),
        ];
        const data = await xlsxOf([
          sheet<never>({
            name: 'Người dùng',
            rows: [],
            columns: IMPORT_HEADINGS.map((header) => ({ header, width: 24, value: () => '' })),
          }),
          sheet({
            name: 'Danh mục',
            rows: names,
            columns: [
              { header: 'Loại', value: (r) => r.kind, width: 12 },
              { header: 'Mã', value: (r) => r.id, width: 24 },
              {
                header: 'Tên (ghi tên hoặc mã, nhiều mục cách nhau bằng dấu phẩy)',
                value: (r) => r.name,
                width: 50,
              },
            ],
          }),
        ]);
        return { status: 200, raw: { contentType: XLSX_TYPE, data, filename: 'mau-nhap-nguoi-dung.xlsx' } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/people/import',
      summary: 'Nhập người dùng từ bảng tính: một dòng lỗi thì không nhập ai, kèm lỗi của từng dòng',
      tag: 'Quản trị',
      access: [...ADMIN],
      multipart: { field: 'file', maxBytes: 2 * 1024 * 1024 },
      body: z.strictObject({}),
      errors: [409, 413, 415, 422],
      success: {
        status: 201,
        description: 'Đã nhập',
        schema: z.object({
          imported: z.number(),
          people: z.array(
            z.object({
              row: z.number(),
              personId: z.string(),
              username: z.string(),
              link: z.string(),
              mailedTo: z.string().nullable(),
            }),
          ),
        }),
      },
      handler: async ({ req, actor }) => {
        if (!req.file)
          throw new ProblemError(400, 'IMPORT_FILE_MISSING', 'Chưa chọn tệp bảng tính (trường "file").');
        const rows = await readSheet(req.file.buffer);
        const [units, councils, people] = await Promise.all([
          dir.units.find({}, { name: 1 }).lean().exec(),
          dir.councils.find({}, { name: 1 }).lean().exec(),
          dir.people.find({}, { username: 1 }).lean().exec(),
        ]);
        const results: RowResult[] = checkRows(rows, {
          units: units.map((u) => ({ id: u._id, name: u.name })),
          councils: councils.map((c) => ({ id: c._id, name: c.name })),
          takenIds: new Set(people.map((p) => p._id)),
          takenUsernames: new Set(people.map((p) => p.username)),
        });
        const bad = results.filter((r) => r.errors.length);
        if (bad.length)
          throw new ProblemError(
            422,
            'IMPORT_REJECTED',
            `${bad.length} trong ${results.length} dòng có lỗi; chưa nhập ai. Sửa các dòng được nêu rồi tải lên lại.`,
            {
              rows: bad.map((r) => ({
                row: r.row,
                errors: r.errors,
                username: rows.find((x) => x.row === r.row)?.cells[1] ?? null,
              })),
            },
          );
        // All or nobody: should a write fail half-way (someone added the same username meanwhile), undo this import.
        const added: string[] = [];
        try {
          for (const r of results) {
            const p = r.person!;
            await dir.addPerson({
              _id: p.id,
              username: p.username,
              fullName: p.fullName,
              passwordHash: NO_PASSWORD,
              roles: p.roles,
              unitIds: p.unitIds,
              councilIds: p.councilIds,
              email: p.email,
              phone: p.phone,
            });
            added.push(p.id);
          }
        } catch (err) {
          await dir.people.deleteMany({ _id: { $in: added } }).exec();
          if (isDuplicateKeyError(err))
            throw new ProblemError(
              409,
              'PERSON_EXISTS',
              'Một mã hoặc tên đăng nhập vừa được dùng; chưa nhập ai.',
            );
          throw err;
        }
        const out = [];
        for (const r of results) {
          const p = r.person!;
          const { token, expiresAt } = await deps.repos.passwordResets.create(
            p.id,
            actor!.personId,
            IMPORT_LINK_TTL_MS,
          );
          const link = resetLink(deps, req, token);
          await mailResetLink(
            deps,
            { _id: p.id, fullName: p.fullName, username: p.username, email: p.email },
            link,
            expiresAt,
          );
          out.push({ row: r.row, personId: p.id, username: p.username, link, mailedTo: p.email });
        }
        await deps.repos.audit.log({
          actorId: actor!.personId,
          action: 'PEOPLE_IMPORTED',
          target: 'people',
          details: { count: out.length, ids: out.map((o) => o.personId) },
          requestId: typeof req.id === 'string' ? req.id : null,
        });
        return { status: 201, body: { imported: out.length, people: out } };
      },
    }),
  ];
}
