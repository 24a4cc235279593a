/**
 * Reading people from an administrator's spreadsheet: each row checked on its own (required cells, a known role,
 * unit and council, a well-formed username and address, nothing that clashes with the directory or another row),
 * with every problem in Vietnamese. Pure: the route reads the file and writes the people only when no row failed.
 */
import { ROLES, type Role } from '../contracts/initiative';
import { ROLE_VI } from './roles';
import { foldVietnamese } from './text';

/** The headings of the template, in order; the first four cells of a row are required. */
export const IMPORT_HEADINGS = [
  'Mã người dùng',
  'Tên đăng nhập',
  'Họ và tên',
  'Vai trò',
  'Đơn vị',
  'Hội đồng',
  'Thư điện tử',
  'Số điện thoại',
] as const;

export interface ImportedPerson {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  unitIds: string[];
  councilIds: string[];
  email: string | null;
  phone: string | null;
}

/** One row's outcome: the person it describes, or what is wrong with it. */
export interface RowResult {
  /** The row's number in the sheet (the headings are row 1). */
  row: number;
  person: ImportedPerson | null;
  errors: string[];
}

/** What the rows are checked against. */
export interface ImportContext {
  units: { id: string; name: string }[];
  councils: { id: string; name: string }[];
  /** Ids and usernames the directory already has. */
  takenIds: ReadonlySet<string>;
  takenUsernames: ReadonlySet<string>;
}

const SLUG = /^[a-z0-9][a-z0-9.-]{1,63}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .-]{8,20}$/;
const list = (cell: string) =>
  cell
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** A unit, council or role named by its id or its name (diacritics and case do not matter). */
function lookup<T extends { id: string; name: string }>(items: readonly T[], wanted: string): T | undefined {
  const folded = foldVietnamese(wanted);
  return items.find((i) => i.id === wanted || foldVietnamese(i.name) === folded);
}
const ROLE_ITEMS = ROLES.map((r) => ({ id: r, name: ROLE_VI[r] }));

/** Checks every row; `cells` are the row's cells in the order of IMPORT_HEADINGS. */
export function checkRows(
  rows: readonly { row: number; cells: string[] }[],
  ctx: ImportContext,
): RowResult[] {
  const seenIds = new Map<string, number>();
  const seenUsernames = new Map<string, number>();
  return rows.map(({ row, cells }) => {
    const [
      id = '',
      username = '',
      fullName = '',
      roleCell = '',
      unitCell = '',
      councilCell = '',
      email = '',
      phone = '',
    ] = cells.map((c) => c.trim());
    const errors: string[] = [];
    if (!id) errors.push('Thiếu mã người dùng');
    else if (!SLUG.test(id))
      errors.push(`Mã người dùng "${id}" chỉ gồm chữ thường không dấu, số, "." và "-"`);
    else if (ctx.takenIds.has(id)) errors.push(`Mã người dùng "${id}" đã có trong danh bạ`);
    else if (seenIds.has(id)) errors.push(`Mã người dùng "${id}" trùng với dòng ${seenIds.get(id)}`);
    if (!username) errors.push('Thiếu tên đăng nhập');
    else if (!USERNAME.test(username))
      errors.push(`Tên đăng nhập "${username}" chỉ gồm chữ thường không dấu, số, ".", "_" hoặc "-"`);
    else if (ctx.takenUsernames.has(username)) errors.push(`Tên đăng nhập "${username}" đã được dùng`);
    else if (seenUsernames.has(username))
      errors.push(`Tên đăng nhập "${username}" trùng với dòng ${seenUsernames.get(username)}`);
    if (!fullName) errors.push('Thiếu họ và tên');
    else if (fullName.length > 120) errors.push('Họ và tên quá 120 ký tự');
    const roles: Role[] = [];
    for (const r of list(roleCell)) {
      const found = lookup(ROLE_ITEMS, r);
      if (found) roles.push(found.id);
      else errors.push(`Không có vai trò "${r}"`);
    }
    if (!roleCell) errors.push('Thiếu vai trò');
    const unitIds: string[] = [];
    for (const u of list(unitCell)) {
      const found = lookup(ctx.units, u);
      if (found) unitIds.push(found.id);
      else errors.push(`Không có đơn vị "${u}"`);
    }
    if ((roles.includes('UNIT_HEAD') || roles.includes('SUBMITTER')) && !unitCell)
      errors.push('Tác giả và thủ trưởng đơn vị cần có đơn vị');
    const councilIds: string[] = [];
    for (const c of list(councilCell)) {
      const found = lookup(ctx.councils, c);
      if (found) councilIds.push(found.id);
      else errors.push(`Không có Hội đồng "${c}"`);
    }
    if (email && !EMAIL.test(email)) errors.push(`Địa chỉ thư điện tử "${email}" không hợp lệ`);
    if (phone && !PHONE.test(phone)) errors.push(`Số điện thoại "${phone}" không hợp lệ`);
    if (id && !seenIds.has(id)) seenIds.set(id, row);
    if (username && !seenUsernames.has(username)) seenUsernames.set(username, row);
    const person: ImportedPerson = {
      id,
      username,
      fullName,
      roles: [...new Set(roles)],
      unitIds: [...new Set(unitIds)],
      councilIds: [...new Set(councilIds)],
      email: email ? email.toLowerCase() : null,
      phone: phone || null,
    };
    return { row, person: errors.length ? null : person, errors };
  });
}

/** The headings of the template's sheet of new units, in order; every cell is required. */
export const UNIT_SHEET = 'Đơn vị mới';
export const UNIT_HEADINGS = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị'] as const;

const UNIT_KINDS = [
  { id: 'OFFICE', name: 'Cơ quan' },
  { id: 'SCHOOL', name: 'Trường học' },
  { id: 'HEALTH_STATION', name: 'Trạm y tế' },
  { id: 'RESIDENTIAL_AREA', name: 'Khu dân cư' },
  { id: 'ORGANISATION', name: 'Tổ chức đoàn thể' },
] as const;
export type ImportedUnitKind = (typeof UNIT_KINDS)[number]['id'];
/** The kinds a unit row may name, by code or Vietnamese name. */
export const UNIT_KIND_NAMES: readonly { id: string; name: string }[] = UNIT_KINDS;

export interface ImportedUnit {
  id: string;
  name: string;
  kind: ImportedUnitKind;
}

/** Checks the rows of the new units' sheet against the directory's units and each other. */
export function checkUnitRows(
  rows: readonly { row: number; cells: string[] }[],
  taken: readonly { id: string; name: string }[],
): { row: number; unit: ImportedUnit | null; errors: string[] }[] {
  const seenIds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  const takenNames = new Set(taken.map((u) => foldVietnamese(u.name)));
  const takenIds = new Set(taken.map((u) => u.id));
  return rows.map(({ row, cells }) => {
    const [id = '', name = '', kindCell = ''] = cells.map((c) => c.trim());
    const errors: string[] = [];
    if (!id) errors.push('Thiếu mã đơn vị');
    else if (!SLUG.test(id)) errors.push(`Mã đơn vị "${id}" chỉ gồm chữ thường không dấu, số, "." và "-"`);
    else if (takenIds.has(id)) errors.push(`Mã đơn vị "${id}" đã có`);
    else if (seenIds.has(id)) errors.push(`Mã đơn vị "${id}" trùng với dòng ${seenIds.get(id)}`);
    if (!name) errors.push('Thiếu tên đơn vị');
    else if (name.length > 200) errors.push('Tên đơn vị quá 200 ký tự');
    else if (takenNames.has(foldVietnamese(name))) errors.push(`Đơn vị "${name}" đã có`);
    else if (seenNames.has(foldVietnamese(name)))
      errors.push(`Đơn vị "${name}" trùng với dòng ${seenNames.get(foldVietnamese(name))}`);
    const kind = kindCell ? lookup(UNIT_KINDS, kindCell) : undefined;
    if (!kindCell) errors.push('Thiếu loại đơn vị');
    else if (!kind) errors.push(`Không có loại đơn vị "${kindCell}"`);
    if (id && !seenIds.has(id)) seenIds.set(id, row);
    if (name && !seenNames.has(foldVietnamese(name))) seenNames.set(foldVietnamese(name), row);
    return { row, unit: errors.length ? null : { id, name, kind: kind!.id }, errors };
  });
}
