/**
 * Lists as spreadsheets (exceljs): one sheet per table, Vietnamese headings in bold on a frozen first row with
 * filters, dates as real dates shown dd/mm/yyyy in Vietnam time, money as numbers in VND format.
 */
import ExcelJS from 'exceljs';

/** How a column's values are written. */
export type ColumnKind = 'text' | 'date' | 'datetime' | 'money' | 'number';

export interface Column<R> {
  header: string;
  kind?: ColumnKind;
  width?: number;
  value: (row: R) => string | number | null | undefined;
}

export interface Sheet<R> {
  name: string;
  columns: Column<R>[];
  rows: readonly R[];
}

/** A sheet of any row type, for a workbook of several. */
export function sheet<R>(s: Sheet<R>): Sheet<unknown> {
  return s as unknown as Sheet<unknown>;
}

/** Excel's Vietnamese đồng format: grouped thousands, the ₫ sign after. */
export const VND_FORMAT = '#,##0 [$₫-42A]';
const VN_OFFSET_MS = 7 * 3_600_000;

/**
 * A cell's value: a date (`YYYY-MM-DD`) or an instant (ISO) becomes a Date whose wall time is Vietnam's (a
 * spreadsheet has no time zones: it shows the clock reading it stores).
 */
export function cellValue(kind: ColumnKind, v: string | number | null | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if ((kind === 'date' || kind === 'datetime') && typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
    const t = Date.parse(v);
    if (Number.isNaN(t)) return v;
    const local = new Date(t + VN_OFFSET_MS);
    return kind === 'date'
      ? new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()))
      : local;
  }
  return v;
}

const FORMATS: Partial<Record<ColumnKind, string>> = {
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
  money: VND_FORMAT,
  number: '#,##0.##',
};

/** A workbook of the given sheets, as the bytes of an .xlsx file. */
export async function xlsxOf(sheets: readonly Sheet<unknown>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Hệ thống quản lý sáng kiến';
  book.created = new Date();
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.max(12, Math.min(50, c.header.length + 4)),
      ...(FORMATS[c.kind ?? 'text'] ? { style: { numFmt: FORMATS[c.kind ?? 'text'] } } : {}),
    }));
    for (const r of s.rows) ws.addRow(s.columns.map((c) => cellValue(c.kind ?? 'text', c.value(r))));
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.alignment = { vertical: 'middle', wrapText: true };
    head.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEFF2' } };
      cell.numFmt = '@';
    });
    if (s.columns.length)
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The content type of an .xlsx file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
