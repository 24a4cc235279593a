/**
 * The year's review of recognised initiatives for the commune's emulation and reward council (Hội đồng Thi đua –
 * Khen thưởng), per person and per unit, in the NĐ30 layout. A working paper rendered on demand from the achievement
 * record: no number, nothing kept, nothing written to the legal record.
 */
import type { OfficialDocument } from '../model';
import { p, type Commune } from './context';

/** The review as the API gives it (src/gateway/routes/achievements.ts). */
export interface YearReview {
  year: number;
  people: { fullName: string; initiatives: number; titles: string[]; levels: string[] }[];
  units: { unitId: string; initiatives: number; authors: number }[];
}

/** The review as a document. */
export function reviewDocument(a: {
  review: YearReview;
  unitName: (id: string) => string;
  commune: Commune | undefined;
  at: Date;
  preparedBy: string;
}): OfficialDocument {
  const { review } = a;
  const initiatives = review.units.reduce((n, u) => n + u.initiatives, 0);
  return {
    issuer: { name: `Ủy ban nhân dân\nxã ${a.commune?.name ?? ''}`.trim() },
    number: null,
    place: a.commune?.name ?? '.'.repeat(12),
    date: a.at,
    type: 'Bảng tổng hợp',
    summary: `Thành tích sáng kiến năm ${review.year} phục vụ bình xét thi đua, khen thưởng`,
    body: [
      p(
        `Năm ${review.year}: ${initiatives} sáng kiến được công nhận của ${review.units.length} đơn vị, ${review.people.length} tác giả. Mỗi tác giả được tính một lần cho mỗi sáng kiến; sáng kiến đã bị hủy bỏ quyết định công nhận không được tính.`,
      ),
      { kind: 'heading', text: 'I. THEO CÁ NHÂN' },
      review.people.length > 0
        ? {
            kind: 'table',
            header: ['Số TT', 'Họ và tên', 'Số sáng kiến', 'Sáng kiến được công nhận', 'Mức'],
            widths: [1, 4, 1.8, 8, 2.6],
            rows: review.people.map((x, i) => [
              String(i + 1),
              x.fullName,
              String(x.initiatives),
              x.titles.join('; '),
              x.levels.filter(Boolean).join('; '),
            ]),
          }
        : { kind: 'paragraph', text: 'Không có sáng kiến nào được công nhận trong năm.', italic: true },
      { kind: 'heading', text: 'II. THEO ĐƠN VỊ' },
      review.units.length > 0
        ? {
            kind: 'table',
            header: ['Số TT', 'Đơn vị', 'Số sáng kiến', 'Số tác giả'],
            widths: [1, 9, 3, 3],
            rows: review.units.map((u, i) => [
              String(i + 1),
              a.unitName(u.unitId),
              String(u.initiatives),
              String(u.authors),
            ]),
          }
        : { kind: 'paragraph', text: 'Không có đơn vị nào có sáng kiến được công nhận.', italic: true },
    ],
    signer: { title: 'NGƯỜI LẬP BẢNG', name: a.preparedBy, note: '(Ký, ghi rõ họ tên)' },
    recipients: ['Hội đồng Thi đua – Khen thưởng xã', 'Lưu: VT, VHXH'],
    footnote:
      'Bản in từ hệ thống quản lý sáng kiến theo dữ liệu tại thời điểm in, không phải văn bản ban hành.',
  };
}
