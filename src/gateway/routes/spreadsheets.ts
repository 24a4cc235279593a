/**
 * Every list a person can see, also as a spreadsheet: `<list>.xlsx` beside each list route, with the same access,
 * the same filters and the same rows (all of them, not one page), through the list's own handler.
 */
import { z } from 'zod';
import { STAGE_VI, STATUS_VI, STEP_VI } from '../../domain/labels';
import type { CaseStatus, Stage, Step } from '../../contracts/initiative';
import { sheet, XLSX_TYPE, xlsxOf, type Sheet } from '../../reports/xlsx';
import type { GatewayDeps } from '../deps';
import type { AchievementItem } from './achievements';
import type { Route, RouteContext } from '../registry';

/** At most this many rows in one spreadsheet. */
export const EXPORT_MAX_ROWS = 10_000;

type Units = (id: string) => string;
interface Export {
  /** The list route it mirrors. */
  path: string;
  filename: string;
  summary: string;
  sheets: (body: unknown, unitName: Units) => Sheet<unknown>[];
}

const stage = (s: string) => STAGE_VI[s as Stage] ?? s;
const step = (s: string) => STEP_VI[s as Step] ?? s;
const status = (s: string) => STATUS_VI[s as CaseStatus] ?? s;

interface CaseRow {
  code: string | null;
  title: string;
  unitId: string;
  field: string;
  status: string;
  stage: string;
  step: string;
  registerNo: string | null;
  filedAt: string;
  dueAt: string | null;
  overdue: boolean;
}
interface StuckRow {
  code: string | null;
  title: string;
  unitId: string;
  stage: string;
  step: string;
  waitingOn: { who: string; description: string } | null;
  since: string;
  idleWorkingDays: number;
  dueAt: string | null;
  overdueDays: number;
  reasons: string[];
}
interface PublicRow {
  id: string;
  title: string;
  authors: { fullName: string; sharePercent: number }[];
  unitName: string;
  field: string;
  summary: string;
  effect: string | null;
  monetaryBenefitVnd: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
}
interface Review {
  year: number;
  people: { fullName: string; initiatives: number; titles: string[]; levels: string[] }[];
  units: { unitId: string; initiatives: number; authors: number }[];
}
interface Stats {
  byStage: Record<string, number>;
  byUnit: Record<string, number>;
  byStatus: Record<string, number>;
  daysInStage: Record<string, { cases: number; meanDays: number; maxDays: number }>;
}

const EXPORTS: Export[] = [
  {
    path: '/api/v1/achievements',
    filename: 'thanh-tich-sang-kien.xlsx',
    summary: 'Thành tích sáng kiến (cùng phạm vi và bộ lọc), dạng bảng tính (XLSX)',
    sheets: (body, unitName) => [
      sheet<AchievementItem>({
        name: 'Thành tích',
        rows: (body as { items: AchievementItem[] }).items,
        columns: [
          { header: 'Năm', kind: 'number', value: (r) => r.year, width: 8 },
          { header: 'Tác giả', value: (r) => r.fullName, width: 26 },
          { header: 'Tỷ lệ đóng góp (%)', kind: 'number', value: (r) => r.sharePercent },
          { header: 'Mã hồ sơ', value: (r) => r.code, width: 14 },
          { header: 'Tên sáng kiến', value: (r) => r.title, width: 44 },
          { header: 'Đơn vị', value: (r) => unitName(r.unitId), width: 28 },
          { header: 'Mức', value: (r) => r.level, width: 14 },
          {
            header: 'Phạm vi ảnh hưởng',
            value: (r) => (r.scope === 'PROVINCE' ? 'Đề nghị cấp tỉnh' : 'Cấp xã'),
            width: 18,
          },
          {
            header: 'Hiệu quả',
            value: (r) => (r.effect === 'EFFECTIVE' ? 'Có hiệu quả' : r.effect ? 'Không hiệu quả' : ''),
            width: 16,
          },
          { header: 'Số quyết định', value: (r) => r.decisionNumber, width: 16 },
          { header: 'Ngày quyết định', kind: 'date', value: (r) => r.decisionDate },
          {
            header: 'Tình trạng',
            value: (r) => (r.revoked ? 'Đã hủy bỏ công nhận' : 'Được công nhận'),
            width: 20,
          },
          {
            header: 'Thù lao phải trả (đ)',
            kind: 'money',
            value: (r) => r.remuneration?.owedVnd ?? null,
            width: 18,
          },
          {
            header: 'Thù lao đã trả (đ)',
            kind: 'money',
            value: (r) => r.remuneration?.paidVnd ?? null,
            width: 18,
          },
          {
            header: 'Thù lao còn phải trả (đ)',
            kind: 'money',
            value: (r) => r.remuneration?.outstandingVnd ?? null,
            width: 20,
          },
        ],
      }),
    ],
  },
  {
    path: '/api/v1/achievements/review',
    filename: 'tong-hop-thanh-tich.xlsx',
    summary: 'Bảng tổng hợp thành tích sáng kiến của năm (theo người, theo đơn vị), dạng bảng tính (XLSX)',
    sheets: (body, unitName) => {
      const r = body as Review;
      return [
        sheet<Review['people'][number]>({
          name: `Cá nhân ${r.year}`,
          rows: r.people,
          columns: [
            { header: 'Họ và tên', value: (p) => p.fullName, width: 26 },
            { header: 'Số sáng kiến được công nhận', kind: 'number', value: (p) => p.initiatives },
            { header: 'Sáng kiến', value: (p) => p.titles.join('; '), width: 60 },
            { header: 'Mức', value: (p) => p.levels.join('; '), width: 20 },
          ],
        }),
        sheet<Review['units'][number]>({
          name: `Đơn vị ${r.year}`,
          rows: r.units,
          columns: [
            { header: 'Đơn vị', value: (u) => unitName(u.unitId), width: 30 },
            { header: 'Số sáng kiến được công nhận', kind: 'number', value: (u) => u.initiatives },
            { header: 'Số tác giả', kind: 'number', value: (u) => u.authors },
          ],
        }),
      ];
    },
  },
  {
    path: '/api/v1/initiatives',
    filename: 'danh-sach-ho-so.xlsx',
    summary: 'Danh sách hồ sơ được xem, với cùng bộ lọc, dạng bảng tính (XLSX)',
    sheets: (body, unitName) => [
      sheet<CaseRow>({
        name: 'Hồ sơ',
        rows: (body as { items: CaseRow[] }).items,
        columns: [
          { header: 'Mã hồ sơ', value: (r) => r.code, width: 14 },
          { header: 'Tên sáng kiến', value: (r) => r.title, width: 48 },
          { header: 'Đơn vị', value: (r) => unitName(r.unitId), width: 28 },
          { header: 'Lĩnh vực', value: (r) => r.field, width: 18 },
          { header: 'Tình trạng', value: (r) => status(r.status), width: 16 },
          { header: 'Giai đoạn', value: (r) => stage(r.stage), width: 26 },
          { header: 'Bước', value: (r) => step(r.step), width: 28 },
          { header: 'Số vào sổ', value: (r) => r.registerNo, width: 12 },
          { header: 'Ngày nộp', kind: 'date', value: (r) => r.filedAt },
          { header: 'Hạn xử lý', kind: 'date', value: (r) => r.dueAt },
          { header: 'Quá hạn', value: (r) => (r.overdue ? 'Có' : ''), width: 10 },
        ],
      }),
    ],
  },
  {
    path: '/api/v1/supervision/stuck',
    filename: 'ho-so-ach-tac.xlsx',
    summary: 'Hồ sơ ách tắc, với cùng bộ lọc, dạng bảng tính (XLSX)',
    sheets: (body, unitName) => [
      sheet<StuckRow>({
        name: 'Hồ sơ ách tắc',
        rows: (body as { items: StuckRow[] }).items,
        columns: [
          { header: 'Mã hồ sơ', value: (r) => r.code, width: 14 },
          { header: 'Tên sáng kiến', value: (r) => r.title, width: 44 },
          { header: 'Đơn vị', value: (r) => unitName(r.unitId), width: 28 },
          { header: 'Giai đoạn', value: (r) => stage(r.stage), width: 26 },
          { header: 'Bước', value: (r) => step(r.step), width: 28 },
          { header: 'Đang chờ', value: (r) => r.waitingOn?.who ?? '', width: 24 },
          { header: 'Việc cần làm', value: (r) => r.waitingOn?.description ?? '', width: 36 },
          { header: 'Từ ngày', kind: 'date', value: (r) => r.since },
          { header: 'Số ngày làm việc không tiến triển', kind: 'number', value: (r) => r.idleWorkingDays },
          { header: 'Hạn xử lý', kind: 'date', value: (r) => r.dueAt },
          { header: 'Số ngày quá hạn', kind: 'number', value: (r) => r.overdueDays },
          { header: 'Lý do', value: (r) => r.reasons.join('; '), width: 50 },
        ],
      }),
    ],
  },
  {
    path: '/api/v1/supervision/stats',
    filename: 'so-lieu-ho-so.xlsx',
    summary:
      'Số liệu hồ sơ theo giai đoạn, đơn vị, tình trạng; thời gian ở mỗi giai đoạn, dạng bảng tính (XLSX)',
    sheets: (body, unitName) => {
      const s = body as Stats;
      const counts = (
        name: string,
        header: string,
        rec: Record<string, number>,
        label: (k: string) => string,
      ) =>
        sheet<[string, number]>({
          name,
          rows: Object.entries(rec),
          columns: [
            { header, value: ([k]) => label(k), width: 34 },
            { header: 'Số hồ sơ', kind: 'number', value: ([, n]) => n },
          ],
        });
      return [
        counts('Theo giai đoạn', 'Giai đoạn', s.byStage, stage),
        counts('Theo đơn vị', 'Đơn vị', s.byUnit, unitName),
        counts('Theo tình trạng', 'Tình trạng', s.byStatus, status),
        sheet<[string, Stats['daysInStage'][string]]>({
          name: 'Thời gian ở giai đoạn',
          rows: Object.entries(s.daysInStage),
          columns: [
            { header: 'Giai đoạn', value: ([k]) => stage(k), width: 30 },
            { header: 'Số lượt', kind: 'number', value: ([, d]) => d.cases },
            { header: 'Trung bình (ngày)', kind: 'number', value: ([, d]) => d.meanDays },
            { header: 'Lâu nhất (ngày)', kind: 'number', value: ([, d]) => d.maxDays },
          ],
        }),
      ];
    },
  },
  {
    path: '/api/v1/public/initiatives',
    filename: 'sang-kien-duoc-cong-nhan.xlsx',
    summary: 'Dữ liệu mở: sáng kiến được công nhận, dạng bảng tính (XLSX)',
    sheets: (body) => [
      sheet<PublicRow>({
        name: 'Sáng kiến được công nhận',
        rows: (body as { items: PublicRow[] }).items,
        columns: [
          { header: 'Mã', value: (r) => r.id, width: 38 },
          { header: 'Tên sáng kiến', value: (r) => r.title, width: 48 },
          {
            header: 'Tác giả',
            value: (r) => r.authors.map((a) => `${a.fullName} (${a.sharePercent}%)`).join('; '),
            width: 36,
          },
          { header: 'Đơn vị', value: (r) => r.unitName, width: 28 },
          { header: 'Lĩnh vực', value: (r) => r.field, width: 18 },
          { header: 'Tóm tắt', value: (r) => r.summary, width: 60 },
          { header: 'Hiệu quả', value: (r) => r.effect, width: 40 },
          { header: 'Số tiền làm lợi', kind: 'money', value: (r) => r.monetaryBenefitVnd, width: 18 },
          { header: 'Số quyết định', value: (r) => r.decisionNumber, width: 16 },
          { header: 'Ngày quyết định', kind: 'date', value: (r) => r.decisionDate },
        ],
      }),
    ],
  },
];

/** The `.xlsx` twin of each list route in `routes`. */
export function spreadsheetRoutes(deps: GatewayDeps, routes: readonly Route[]): Route[] {
  return EXPORTS.map((x) => {
    const list = routes.find((r) => r.method === 'get' && r.path === x.path);
    if (!list) throw new Error(`no list route ${x.path} for its spreadsheet`);
    return {
      ...list,
      path: `${x.path}.xlsx`,
      summary: x.summary,
      success: { status: 200, description: 'Tệp XLSX', schema: z.string(), mediaType: XLSX_TYPE },
      handler: async (ctx: RouteContext<unknown, unknown, unknown>) => {
        // Every row the filters select, not one page.
        const query = { ...(ctx.query as object), limit: EXPORT_MAX_ROWS, offset: 0 };
        const answer = await list.handler({ ...ctx, query });
        const units = new Map(
          (await deps.repos.directory.units.find({}, { name: 1 }).lean().exec()).map((u) => [u._id, u.name]),
        );
        const data = await xlsxOf(x.sheets(answer.body, (id) => units.get(id) ?? id));
        return { status: 200, raw: { contentType: XLSX_TYPE, data, filename: x.filename } };
      },
    };
  });
}
