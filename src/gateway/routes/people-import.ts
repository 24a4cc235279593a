/**
 * People and new units imported from a spreadsheet: the administrator downloads the template, fills one person per
 * row (and one new unit per row of the sheet "Đơn vị mới") and uploads it. Every row is checked first
 * (src/domain/people-import.ts); one bad row imports nothing and the answer lists each row's problems in Vietnamese. Imported people get no password: each gets a one-time link (mailed when they have an
 * address) to set their own, valid for seven days.
 */
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  checkRows,
  checkUnitRows,
  IMPORT_HEADINGS,
  UNIT_HEADINGS,
  UNIT_KIND_NAMES,
  UNIT_SHEET,
  type RowResult,
} from '../../domain/people-import';
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
const PEOPLE_SHEET = 'Người dùng';
/** A password hash no password matches: the person sets theirs through the link. */
const NO_PASSWORD = '!imported-set-through-link';

/** A cell as text. */
function text(v: ExcelJS.CellValue): string {
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
}

/** A sheet's non-empty rows as text cells in the order of the headings; a problem when a required heading is missing. */
function rowsOf(ws: ExcelJS.Worksheet, headings: readonly string[], required: number) {
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => foldVietnamese(text(v)).trim());
  const columns = headings.map((h) => header.indexOf(foldVietnamese(h)));
  const missing = headings.filter((_, i) => i < required && columns[i]! < 0);
  if (missing.length)
    throw new ProblemError(
      400,
      'IMPORT_FILE_INVALID',
      `Dòng đầu của trang "${ws.name}" thiếu cột: ${missing.join(', ')}.`,
    );
  const rows: { row: number; cells: string[] }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cells = columns.map((c) => (c < 0 ? '' : text(r.getCell(c).value)));
    if (cells.some((c) => c.trim())) rows.push({ row: n, cells });
  });
  return rows;
}

/**
 * The people (the sheet "Người dùng", else the first) and the new units (the sheet "Đơn vị mới", if there is one) of
 * an uploaded workbook.
 */
async function readWorkbook(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new ProblemError(400, 'IMPORT_FILE_INVALID', 'Tệp không phải bảng tính Excel (.xlsx) đọc được.');
  }
  const unitSheet = book.getWorksheet(UNIT_SHEET);
  const peopleSheet =
    book.getWorksheet(PEOPLE_SHEET) ?? book.worksheets.find((w) => w !== unitSheet) ?? undefined;
  if (!peopleSheet)
    throw new ProblemError(400, 'IMPORT_FILE_INVALID', 'Bảng tính không có trang người dùng.');
  const people = rowsOf(peopleSheet, IMPORT_HEADINGS, 4);
  const units = unitSheet ? rowsOf(unitSheet, UNIT_HEADINGS, 3) : [];
  if (people.length === 0 && units.length === 0)
    throw new ProblemError(400, 'IMPORT_FILE_INVALID', 'Bảng tính không có dòng người dùng hay đơn vị nào.');
  if (people.length + units.length > MAX_ROWS)
    throw new ProblemError(400, 'IMPORT_FILE_INVALID', `Mỗi lần nhập tối đa ${MAX_ROWS} dòng.`);
  return { people, units };
}

/** People import routes. */
export function peopleImportRoutes(deps: GatewayDeps): Route[] {
  const dir = deps.repos.directory;
  return [
    route({
      method: 'get',
      path: '/api/v1/admin/people/import-template.xlsx',
      summary:
        'Mẫu bảng tính để nhập người dùng và đơn vị mới (kèm danh sách vai trò, đơn vị, Hội đồng, loại đơn vị)',
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
          ...UNIT_KIND_NAMES.map((k) => ({ kind: 'Loại đơn vị', id: k.id, name: k.name })),
        ];
        const data = await xlsxOf([
          sheet<never>({
            name: PEOPLE_SHEET,
            rows: [],
            columns: IMPORT_HEADINGS.map((header) => ({ header, width: 24, value: () => '' })),
          }),
          sheet<never>({
            name: UNIT_SHEET,
            rows: [],
            columns: UNIT_HEADINGS.map((header) => ({ header, width: 30, value: () => '' })),
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
      summary:
        'Nhập người dùng và đơn vị mới từ bảng tính: một dòng lỗi thì không nhập gì, kèm lỗi của từng dòng',
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
          units: z.array(z.object({ id: z.string(), name: z.string() })),
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
        const { people: rows, units: unitRows } = await readWorkbook(req.file.buffer);
        const [units, councils, people] = await Promise.all([
          dir.units.find({}, { name: 1 }).lean().exec(),
          dir.councils.find({}, { name: 1 }).lean().exec(),
          dir.people.find({}, { username: 1 }).lean().exec(),
        ]);
        const known = units.map((u) => ({ id: u._id, name: u.name }));
        const unitResults = checkUnitRows(unitRows, known);
        // People may name the units this same workbook adds.
        const newUnits = unitResults.flatMap((r) => (r.unit ? [r.unit] : []));
        const results: RowResult[] = checkRows(rows, {
          units: [...known, ...newUnits],
          councils: councils.map((c) => ({ id: c._id, name: c.name })),
          takenIds: new Set(people.map((p) => p._id)),
          takenUsernames: new Set(people.map((p) => p.username)),
        });
        const bad = [
          ...unitResults
            .filter((r) => r.errors.length)
            .map((r) => ({
              sheet: UNIT_SHEET,
              row: r.row,
              errors: r.errors,
              username: unitRows.find((x) => x.row === r.row)?.cells[0] ?? null,
            })),
          ...results
            .filter((r) => r.errors.length)
            .map((r) => ({
              sheet: PEOPLE_SHEET,
              row: r.row,
              errors: r.errors,
              username: rows.find((x) => x.row === r.row)?.cells[1] ?? null,
            })),
        ];
        if (bad.length)
          throw new ProblemError(
            422,
            'IMPORT_REJECTED',
            `${bad.length} trong ${results.length + unitResults.length} dòng có lỗi; chưa nhập gì. Sửa các dòng được nêu rồi tải lên lại.`,
            { rows: bad },
          );
        // All or nothing: should a write fail half-way (someone added the same id meanwhile), undo this import.
        const added: string[] = [];
        const addedUnits: string[] = [];
        try {
          for (const u of newUnits) {
            await dir.units.create({ _id: u.id, name: u.name, kind: u.kind, createdAt: new Date() });
            addedUnits.push(u.id);
          }
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
          await dir.units.deleteMany({ _id: { $in: addedUnits } }).exec();
          if (isDuplicateKeyError(err))
            throw new ProblemError(
              409,
              'PERSON_EXISTS',
              'Một mã, tên đăng nhập hoặc mã đơn vị vừa được dùng; chưa nhập gì.',
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
          details: { count: out.length, ids: out.map((o) => o.personId), unitIds: addedUnits },
          requestId: typeof req.id === 'string' ? req.id : null,
        });
        return {
          status: 201,
          body: {
            imported: out.length,
            people: out,
            units: newUnits.map((u) => ({ id: u.id, name: u.name })),
          },
        };
      },
    }),
  ];
}
