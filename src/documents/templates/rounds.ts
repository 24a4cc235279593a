/**
 * A round's papers, rendered on demand from the read model in the NĐ30 layout: the agenda of a council sitting over
 * several cases, and the round's result lists (recognised, not recognised, proposed to the province). Working papers
 * of the council, not issued documents: no number, nothing kept, nothing written to the legal record.
 */
import type { Author } from '../../contracts/initiative';
import type { CouncilMember } from '../../domain/council';
import { lastDayOf, type Round } from '../../domain/rounds';
import type { Block, OfficialDocument } from '../model';
import { p, type Commune } from './context';

/** A case as a round's papers list it. */
export interface RoundCase {
  code: string | null;
  id: string;
  title: string;
  unitName: string;
  authors: Author[];
  status: string;
  meanScore: number | null;
  decisionOutcome: 'RECOGNISED' | 'REFUSED' | null;
  decisionNumber: string | null;
  decisionReasons: string | null;
  /** The scope the council's last meeting proposed. */
  proposedScope: 'UNIT' | 'PROVINCE' | null;
}

const dmy = (d: string) => d.split('-').reverse().join('/');
const authorsOf = (c: RoundCase) => c.authors.map((a) => `${a.fullName} (${a.sharePercent}%)`).join(', ');
const councilIssuer = (commune: Commune | undefined) => ({
  superior: `Ủy ban nhân dân\nxã ${commune?.name ?? ''}`.trim(),
  name: 'Hội đồng sáng kiến',
});
const table = (header: string[], widths: number[], rows: string[][]): Block =>
  rows.length > 0
    ? { kind: 'table', header, widths, rows }
    : { kind: 'paragraph', text: 'Không có sáng kiến nào.', italic: true };

/** The time in Vietnam, "08 giờ 30 phút, ngày 15/06/2026". */
function meetingTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(local.getUTCHours())} giờ ${two(local.getUTCMinutes())} phút, ngày ${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

/** The agenda of one sitting: when and where, who sits, and each case in the order the council takes them. */
export function sittingAgenda(a: {
  round: Round;
  council: { id: string; name: string; members: CouncilMember[] };
  sitting: { meetingAt: string; place: string };
  cases: RoundCase[];
  commune: Commune | undefined;
  at: Date;
}): OfficialDocument {
  const chair = a.council.members.find((m) => m.position === 'CHAIR');
  const first = 2;
  return {
    issuer: councilIssuer(a.commune),
    number: null,
    place: a.commune?.name ?? '.'.repeat(12),
    date: a.at,
    type: 'Chương trình họp',
    summary: `Phiên họp ${a.council.name} xét công nhận sáng kiến – ${a.round.name}`,
    body: [
      p(`Thời gian: ${meetingTime(a.sitting.meetingAt)}.`),
      p(`Địa điểm: ${a.sitting.place}.`),
      p(`Thành phần: các thành viên ${a.council.name} (${a.council.members.length} thành viên):`),
      {
        kind: 'table',
        header: ['Số TT', 'Họ và tên', 'Nhiệm vụ trong Hội đồng'],
        widths: [1.2, 7, 8],
        rows: a.council.members.map((m, i) => [String(i + 1), m.fullName, positionVi(m)]),
      },
      { kind: 'heading', text: 'NỘI DUNG' },
      p(
        '1. Khai mạc; tuyên bố lý do; kiểm tra số thành viên có mặt (cuộc họp hợp lệ khi có ít nhất hai phần ba số thành viên); thành viên là tác giả, đồng tác giả của hồ sơ nào thì không chấm điểm, không biểu quyết hồ sơ đó.',
      ),
      ...a.cases.map((c, i) =>
        p(
          `${i + first}. Xét hồ sơ ${c.code ?? c.id}: sáng kiến "${c.title}" – tác giả ${authorsOf(c)}; đơn vị ${c.unitName}. Công bố điểm chấm, thảo luận, biểu quyết, đề xuất phạm vi ảnh hưởng; lập biên bản họp của hồ sơ.`,
        ),
      ),
      p(`${a.cases.length + first}. Thông qua biên bản; bế mạc.`),
    ],
    signer: {
      authority: 'TM. HỘI ĐỒNG',
      title: 'CHỦ TỊCH HỘI ĐỒNG',
      name: chair?.fullName ?? '',
      note: '(Ký, ghi rõ họ tên)',
    },
    recipients: ['Các thành viên Hội đồng', 'Lưu: Thư ký Hội đồng'],
    footnote: `Gồm ${a.cases.length} hồ sơ của ${a.round.name}. Bản in từ hệ thống quản lý sáng kiến, không phải văn bản ban hành.`,
  };
}

const POSITION_VI: Record<CouncilMember['position'], string> = {
  CHAIR: 'Chủ tịch Hội đồng',
  VICE_CHAIR: 'Phó Chủ tịch Hội đồng',
  SECRETARY: 'Ủy viên thư ký',
  MEMBER: 'Ủy viên',
  UNION_REP: 'Ủy viên (đại diện Công đoàn)',
};
const positionVi = (m: CouncilMember) => POSITION_VI[m.position];

/** The lists a round ends with: each case in one of them, or still waiting for its result. */
export function roundLists(cases: readonly RoundCase[]) {
  const recognised = cases.filter((c) => c.decisionOutcome === 'RECOGNISED' && c.status !== 'REVOKED');
  const notRecognised = cases.filter(
    (c) => c.decisionOutcome === 'REFUSED' || (c.decisionOutcome === 'RECOGNISED' && c.status === 'REVOKED'),
  );
  const province = recognised.filter((c) => c.proposedScope === 'PROVINCE');
  const pending = cases.filter((c) => c.decisionOutcome === null && c.status === 'OPEN');
  return { recognised, notRecognised, province, pending };
}

/** The round's result lists, as the council's secretary hands them to the chairman and the emulation officer. */
export function roundSummary(a: {
  round: Round;
  cases: RoundCase[];
  commune: Commune | undefined;
  at: Date;
  preparedBy: string;
}): OfficialDocument {
  const { recognised, notRecognised, province, pending } = roundLists(a.cases);
  const score = (c: RoundCase) => (c.meanScore === null ? '' : c.meanScore.toFixed(1).replace('.', ','));
  // Relative widths: the case code and a decision number stay on one line.
  const W = [1, 3.3, 4.4, 4.2, 3];
  const H = ['Số TT', 'Mã hồ sơ', 'Tên sáng kiến', 'Tác giả (tỷ lệ đóng góp)', 'Đơn vị'];
  const closed = a.cases.length - recognised.length - notRecognised.length - pending.length;
  return {
    issuer: councilIssuer(a.commune),
    number: null,
    place: a.commune?.name ?? '.'.repeat(12),
    date: a.at,
    type: 'Danh sách',
    summary: `Kết quả xét công nhận sáng kiến – ${a.round.name}`,
    body: [
      p(
        `${a.round.name} nhận hồ sơ từ ngày ${dmy(a.round.opensOn)} đến ngày ${dmy(lastDayOf(a.round))}: ${a.cases.length} hồ sơ; ${recognised.length} sáng kiến được công nhận, ${notRecognised.length} không được công nhận, ${province.length} đề nghị xét công nhận cấp tỉnh, ${pending.length} đang xét${closed > 0 ? `, ${closed} hồ sơ dừng trước khi xét (rút, không chấp nhận đơn hoặc đơn vị không đề nghị)` : ''}.`,
      ),
      { kind: 'heading', text: 'I. SÁNG KIẾN ĐƯỢC CÔNG NHẬN' },
      table(
        [...H, 'Điểm TB', 'Quyết định'],
        [1, 3.3, 3.6, 3.8, 2.6, 1.5, 3.2],
        recognised.map((c, i) => [
          String(i + 1),
          c.code ?? c.id,
          c.title,
          authorsOf(c),
          c.unitName,
          score(c),
          c.decisionNumber ?? '',
        ]),
      ),
      { kind: 'heading', text: 'II. SÁNG KIẾN KHÔNG ĐƯỢC CÔNG NHẬN' },
      table(
        [...H, 'Lý do'],
        [...W, 4],
        notRecognised.map((c, i) => [
          String(i + 1),
          c.code ?? c.id,
          c.title,
          authorsOf(c),
          c.unitName,
          c.status === 'REVOKED' ? 'Quyết định công nhận đã bị hủy bỏ' : (c.decisionReasons ?? ''),
        ]),
      ),
      { kind: 'heading', text: 'III. SÁNG KIẾN ĐỀ NGHỊ XÉT CÔNG NHẬN PHẠM VI ẢNH HƯỞNG CẤP TỈNH' },
      table(
        [...H, 'Điểm TB'],
        [...W, 1.5],
        province.map((c, i) => [String(i + 1), c.code ?? c.id, c.title, authorsOf(c), c.unitName, score(c)]),
      ),
    ],
    signer: { title: 'NGƯỜI LẬP DANH SÁCH', name: a.preparedBy, note: '(Ký, ghi rõ họ tên)' },
    recipients: ['Chủ tịch UBND xã', 'Hội đồng Thi đua – Khen thưởng xã', 'Lưu: Thư ký Hội đồng'],
    footnote:
      'Bản in từ hệ thống quản lý sáng kiến theo dữ liệu tại thời điểm in, không phải văn bản ban hành.',
  };
}
