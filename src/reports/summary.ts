/** The movement's summary report (Báo cáo tổng kết): counts by unit, stage and outcome, recognitions, replication, effect. */
import type { CaseRecord } from '../db/cases';
import type { Repositories } from '../db';
import type { OfficialDocument } from '../documents/model';
import { vnd } from '../documents/model';
import type { Commune } from '../documents/templates';
import { vnDate } from '../domain/duration';

/** The report's figures for a period (filing dates for counts, decision dates for recognitions). */
export interface SummaryData {
  from: string;
  to: string;
  filed: number;
  byUnit: Record<string, number>;
  byStage: Record<string, number>;
  byStatus: Record<string, number>;
  recognised: {
    id: string;
    title: string;
    unitId: string;
    authors: string;
    decisionNumber: string | null;
    decisionDate: string | null;
  }[];
  replication: { initiatives: number; adoptingUnits: number };
  effect: { effective: number; notEffective: number; monetaryBenefitVnd: number };
}

/** Computes the report's figures from the read model. */
export async function summaryData(
  repos: Pick<Repositories, 'cases'>,
  from: string,
  to: string,
): Promise<SummaryData> {
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const filed = await repos.cases.model
    .find({ filedAt: { $gte: start, $lt: end } }, { state: 0 })
    .lean<CaseRecord[]>()
    .exec();
  const decided = await repos.cases.model
    .find({ decisionDate: { $gte: start, $lt: end } }, { state: 0 })
    .lean<CaseRecord[]>()
    .exec();
  const count = (rows: CaseRecord[], key: (r: CaseRecord) => string) =>
    rows.reduce<Record<string, number>>((acc, r) => ((acc[key(r)] = (acc[key(r)] ?? 0) + 1), acc), {});
  const recognised = decided.filter((r) => r.decisionOutcome === 'RECOGNISED' && r.status !== 'REVOKED');
  return {
    from,
    to,
    filed: filed.length,
    byUnit: count(filed, (r) => r.unitId),
    byStage: count(
      filed.filter((r) => r.status === 'OPEN'),
      (r) => r.stage,
    ),
    byStatus: count(filed, (r) => r.status),
    recognised: recognised.map((r) => ({
      id: r._id,
      title: r.title,
      unitId: r.unitId,
      authors: r.authors.map((a) => a.fullName).join(', '),
      decisionNumber: r.decisionNumber ?? null,
      decisionDate: r.decisionDate ? vnDate(r.decisionDate.getTime()) : null,
    })),
    replication: {
      initiatives: recognised.filter((r) => r.replicationUnitIds.length > 0).length,
      adoptingUnits: recognised.reduce((a, r) => a + r.replicationUnitIds.length, 0),
    },
    effect: {
      effective: decided.filter((r) => r.effectVerdict === 'EFFECTIVE').length,
      notEffective: decided.filter((r) => r.effectVerdict === 'NOT_EFFECTIVE').length,
      monetaryBenefitVnd: decided.reduce((a, r) => a + (r.monetaryBenefitVnd ?? 0), 0),
    },
  };
}

const STATUS_VI: Record<string, string> = {
  OPEN: 'Đang xử lý',
  COMPLETED: 'Hoàn thành',
  REJECTED: 'Không công nhận',
  WITHDRAWN: 'Đã rút',
  REVOKED: 'Đã hủy bỏ',
};
const STAGE_VI: Record<string, string> = {
  UNIT_RECOMMENDATION: 'Đơn vị đề xuất',
  COUNCIL_EVALUATION: 'Hội đồng thẩm định',
  EFFECT_TRACKING: 'Theo dõi hiệu quả',
  REWARD_DECISION: 'Công nhận, khen thưởng',
  REPLICATION_FOLLOW_UP: 'Nhân rộng',
};

/** The report as a document of the People's Committee (BC-UBND). */
export function summaryDocument(
  d: SummaryData,
  commune: Commune,
  unitName: (id: string) => string,
  signer: string,
  date: Date,
) {
  const fmt = (iso: string) => iso.split('-').reverse().join('/');
  return (number: string | null): OfficialDocument => ({
    issuer: { name: `Ủy ban nhân dân\nxã ${commune.name}` },
    number,
    place: commune.name,
    date,
    type: 'Báo cáo',
    summary: `Tổng kết phong trào sáng kiến từ ngày ${fmt(d.from)} đến ngày ${fmt(d.to)}`,
    body: [
      { kind: 'heading', text: 'I. KẾT QUẢ CHUNG' },
      {
        kind: 'paragraph',
        text: `Trong kỳ, các đơn vị nộp ${d.filed} hồ sơ đề nghị công nhận sáng kiến; ${d.recognised.length} sáng kiến được công nhận; ${d.replication.initiatives} sáng kiến được nhân rộng tại ${d.replication.adoptingUnits} đơn vị; tổng số tiền làm lợi được xác nhận: ${vnd(d.effect.monetaryBenefitVnd)}.`,
      },
      {
        kind: 'table',
        header: ['Đơn vị', 'Số hồ sơ'],
        widths: [8, 2],
        rows: Object.entries(d.byUnit).map(([u, n]) => [unitName(u), String(n)]),
      },
      {
        kind: 'table',
        header: ['Kết quả', 'Số hồ sơ'],
        widths: [8, 2],
        rows: Object.entries(d.byStatus).map(([s, n]) => [STATUS_VI[s] ?? s, String(n)]),
      },
      {
        kind: 'table',
        header: ['Giai đoạn (hồ sơ đang xử lý)', 'Số hồ sơ'],
        widths: [8, 2],
        rows: Object.entries(d.byStage).map(([s, n]) => [STAGE_VI[s] ?? s, String(n)]),
      },
      { kind: 'heading', text: 'II. SÁNG KIẾN ĐƯỢC CÔNG NHẬN' },
      {
        kind: 'table',
        header: ['TT', 'Tên sáng kiến', 'Tác giả', 'Đơn vị', 'Quyết định'],
        widths: [1, 5, 4, 3, 3],
        rows: d.recognised.map((r, i) => [
          String(i + 1),
          r.title,
          r.authors,
          unitName(r.unitId),
          `${r.decisionNumber ?? ''} ${r.decisionDate ? fmt(r.decisionDate) : ''}`.trim(),
        ]),
      },
      { kind: 'heading', text: 'III. HIỆU QUẢ ÁP DỤNG' },
      {
        kind: 'paragraph',
        text: `${d.effect.effective} sáng kiến được xác nhận có hiệu quả; ${d.effect.notEffective} sáng kiến chưa đạt hiệu quả như mong đợi.`,
      },
    ],
    signer: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: signer },
    recipients: [
      'Sở Khoa học và Công nghệ tỉnh (để báo cáo)',
      'Thường trực Đảng ủy, HĐND xã',
      'Lưu: VT, VHXH',
    ],
  });
}
