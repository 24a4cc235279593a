/**
 * The documents of the flow (process.md, "Documents generated in the flow"): which legal-record entry issues which
 * document, in which number series, and its content built from the case's state.
 */
import type { InitiativeState } from '../contracts/initiative';
import type { LegalEntryDraft } from '../contracts/records';
import type { CouncilMember } from '../domain/council';
import type { RulePack } from '../domain/rule-pack';
import { recordedAuthority, type SigningAuthority } from '../domain/signing';
import { vnd, type Block, type OfficialDocument } from './model';

/** The commune that issues the documents. */
export interface Commune {
  /** "Thanh Thủy" */
  name: string;
  /** "Phú Thọ" */
  province: string;
}

/** A document to issue: its key (once per case and occasion), numbering and content. */
export interface DocumentPlan {
  key: string;
  kind: string;
  title: string;
  /** Numbering series (unique per issuer), or null for an unnumbered document. */
  series: string | null;
  /** The symbol printed after the number ("QĐ-UBND"). */
  symbol: string | null;
  /** A number given elsewhere: the receipt carries the dossier's register number. */
  fixedNumber?: string;
  signerName: string | null;
  /** On a score sheet: the member who scored. The sheet is sealed until the scores open (src/domain/access.ts). */
  scorerId?: string;
  build: (number: string | null) => OfficialDocument;
}

const BASES_NĐ13 = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025',
  'Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành Điều lệ Sáng kiến',
  'Căn cứ Thông tư số 18/2013/TT-BKHCN ngày 01 tháng 8 năm 2013 của Bộ Khoa học và Công nghệ hướng dẫn thi hành một số quy định của Điều lệ Sáng kiến',
];

const POSITION_VI: Record<CouncilMember['position'], string> = {
  CHAIR: 'Chủ tịch Hội đồng',
  VICE_CHAIR: 'Phó Chủ tịch Hội đồng',
  SECRETARY: 'Ủy viên thư ký',
  MEMBER: 'Ủy viên',
  UNION_REP: 'Ủy viên (đại diện Công đoàn)',
};

/** The documents an entry issues (none for most entries). */
export function documentsFor(
  entry: LegalEntryDraft,
  state: InitiativeState,
  ctx: { commune: Commune; unitName: (id: string) => string },
): DocumentPlan[] {
  const ubnd = { name: `Ủy ban nhân dân\nxã ${ctx.commune.name}` };
  const council = { superior: `Ủy ban nhân dân\nxã ${ctx.commune.name}`, name: 'Hội đồng sáng kiến' };
  const date = new Date(entry.at);
  const place = ctx.commune.name;
  const d = state.dossier;
  const authors = d.authors.map((a) => `${a.fullName} (${a.sharePercent}%)`).join(', ');
  const unit = ctx.unitName(d.unitId);
  const key = (kind: string, suffix = '') => `${state.initiativeId}:${kind}${suffix}`;
  // The case's short code, as people quote it when they ask about their dossier.
  const caseCode = state.code ? [p(`Mã hồ sơ: ${state.code}.`)] : [];
  // The authority line and title come from the office the signer held (src/domain/signing.ts), never from a request.
  const chairmanSigner = (s: SigningAuthority) =>
    s.authority
      ? { authority: s.authority, title: s.title, name: entry.actorName }
      : { title: s.title, name: entry.actorName };
  // A vice-chairman signs for the chairman on the basis of a delegation: the document names it.
  const delegationBasis = (s: SigningAuthority) =>
    s.delegation ? [`Căn cứ ${s.delegation.basis} (phân công ký thay Chủ tịch: ${s.delegation.scope})`] : [];
  const decisionSigner = recordedAuthority(state.decision ?? {});
  const recipientsUbnd = ['Như Điều 3', 'Lưu: VT, VHXH'];

  switch (entry.kind) {
    case 'REGISTERED': {
      const reg = state.registration;
      const registerNo = str(entry.details['registerNo']) || reg?.registerNo || '';
      return [
        {
          key: key('RECEIPT'),
          kind: 'RECEIPT',
          title: 'Giấy biên nhận đơn',
          series: null,
          symbol: null,
          // Numbered by the intake register (the register number is unique per commune and year).
          ...(registerNo ? { fixedNumber: registerNo } : {}),
          signerName: entry.actorName,
          build: (number) => ({
            issuer: ubnd,
            number,
            place,
            date,
            type: 'Giấy biên nhận',
            summary: 'Đơn yêu cầu công nhận sáng kiến',
            body: [
              p(
                `Bộ phận tiếp nhận Ủy ban nhân dân xã ${ctx.commune.name} đã nhận đơn yêu cầu công nhận sáng kiến "${d.title}" của tác giả: ${authors}; đơn vị: ${unit}.`,
              ),
              ...caseCode,
              p(`Số vào sổ tiếp nhận: ${registerNo}.`),
              p(
                `Thời gian tiếp nhận: ${new Date(reg?.receivedAt ?? entry.at).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}.`,
              ),
              p(
                `Ngày hẹn trả kết quả: ${reg ? new Date(reg.expectedReplyBy).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }) : ''} (Điều 7 Nghị định số 13/2012/NĐ-CP).`,
              ),
            ],
            signer: { title: 'NGƯỜI TIẾP NHẬN', name: entry.actorName },
            recipients: ['Tác giả sáng kiến', unit, 'Lưu: VT, bộ phận tiếp nhận'],
          }),
        },
      ];
    }
    case 'AMENDMENT_REQUESTED':
    case 'NOT_ACCEPTED': {
      if (entry.kind === 'AMENDMENT_REQUESTED' && state.amendment?.requestedBy !== 'SECRETARY') return [];
      const amendment = entry.kind === 'AMENDMENT_REQUESTED';
      const items = (entry.details['items'] as string[] | undefined) ?? [];
      return [
        {
          key: key(amendment ? 'AMENDMENT_NOTICE' : 'NON_ACCEPTANCE_NOTICE', `#${entry.seq}`),
          kind: amendment ? 'AMENDMENT_NOTICE' : 'NON_ACCEPTANCE_NOTICE',
          title: amendment ? 'Thông báo bổ sung hồ sơ' : 'Thông báo không chấp nhận đơn',
          series: 'TB-UBND',
          symbol: 'TB-UBND',
          signerName: entry.actorName,
          build: (number) => ({
            issuer: ubnd,
            number,
            place,
            date,
            type: 'Thông báo',
            summary: amendment
              ? 'Về việc bổ sung hồ sơ đề nghị công nhận sáng kiến'
              : 'Về việc không chấp nhận đơn yêu cầu công nhận sáng kiến',
            body: amendment
              ? [
                  p(
                    `Ủy ban nhân dân xã ${ctx.commune.name} đề nghị tác giả sáng kiến "${d.title}" (${authors}) bổ sung các nội dung sau:`,
                  ),
                  ...items.map((i, n) => p(`${n + 1}. ${i}`)),
                  ...caseCode,
                ]
              : [
                  p(
                    `Ủy ban nhân dân xã ${ctx.commune.name} không chấp nhận đơn yêu cầu công nhận sáng kiến "${d.title}" của tác giả: ${authors}.`,
                  ),
                  p(`Lý do: ${entry.summary.replace(/^Không chấp nhận đơn:\s*/, '')}`),
                  ...caseCode,
                ],
            signer: { authority: 'TL. CHỦ TỊCH', title: 'THƯ KÝ HỘI ĐỒNG SÁNG KIẾN', name: entry.actorName },
            recipients: [`Tác giả sáng kiến`, unit, 'Lưu: VT'],
          }),
        },
      ];
    }
    case 'COUNCIL_FORMED': {
      const members =
        (entry.details['members'] as CouncilMember[] | undefined) ?? state.council?.members ?? [];
      const councilSigner = recordedAuthority({
        signer: (entry.details['signer'] as SigningAuthority | undefined) ?? state.council?.signer,
      });
      return [
        {
          key: key('COUNCIL_DECISION'),
          kind: 'COUNCIL_DECISION',
          title: 'Quyết định thành lập Hội đồng sáng kiến',
          series: 'QĐ-UBND',
          symbol: 'QĐ-UBND',
          signerName: entry.actorName,
          build: (number) => ({
            issuer: ubnd,
            number,
            place,
            date,
            type: 'Quyết định',
            summary: `Về việc thành lập Hội đồng sáng kiến xét công nhận sáng kiến "${d.title}"`,
            authority: `Chủ tịch Ủy ban nhân dân xã ${ctx.commune.name}`,
            bases: [
              ...BASES_NĐ13,
              ...delegationBasis(councilSigner),
              `Xét đề nghị của Bộ phận tiếp nhận hồ sơ sáng kiến`,
            ],
            body: [
              { kind: 'heading', text: 'QUYẾT ĐỊNH:', center: true },
              p(
                `Điều 1. Thành lập Hội đồng sáng kiến (mã ${str(entry.details['councilId'])}) xét công nhận sáng kiến "${d.title}", gồm các ông (bà) có tên sau:`,
              ),
              {
                kind: 'table',
                header: ['TT', 'Họ và tên', 'Chức danh trong Hội đồng'],
                widths: [1, 5, 5],
                rows: members.map((m, i) => [String(i + 1), m.fullName, POSITION_VI[m.position]]),
              },
              p(
                'Điều 2. Hội đồng có nhiệm vụ xem xét, chấm điểm, biểu quyết và đề nghị công nhận sáng kiến theo quy định; thành viên là tác giả sáng kiến không tham gia chấm điểm, biểu quyết hồ sơ của mình. Hội đồng tự giải thể sau khi hoàn thành nhiệm vụ.',
              ),
              p(
                'Điều 3. Quyết định có hiệu lực kể từ ngày ký. Văn phòng HĐND và UBND xã, các thành viên Hội đồng và tác giả sáng kiến chịu trách nhiệm thi hành Quyết định này.',
              ),
            ],
            signer: chairmanSigner(councilSigner),
            recipients: recipientsUbnd,
          }),
        },
      ];
    }
    case 'SCORED': {
      const scores = (entry.details['scores'] as Record<string, number> | undefined) ?? {};
      const rubric = (entry.details['rubric'] as RulePack['rubric']['value'] | undefined) ?? [];
      const total = Number(entry.details['total'] ?? 0);
      return [
        {
          key: key('SCORE_SHEET', `#${entry.seq}`),
          kind: 'SCORE_SHEET',
          title: `Phiếu chấm điểm của ${entry.actorName}`,
          series: null,
          symbol: null,
          signerName: entry.actorName,
          scorerId: entry.actorId,
          build: () => ({
            issuer: council,
            number: null,
            place,
            date,
            type: 'Phiếu chấm điểm',
            summary: `Sáng kiến "${d.title}"`,
            body: [
              p(`Thành viên Hội đồng: ${entry.actorName}. Tác giả: ${authors}. Đơn vị: ${unit}.`),
              {
                kind: 'table',
                header: ['TT', 'Tiêu chí', 'Điểm tối đa', 'Điểm chấm'],
                widths: [1, 7, 2, 2],
                rows: [
                  ...rubric.map((c, i) => [
                    String(i + 1),
                    c.label,
                    String(c.max),
                    String(scores[c.key] ?? ''),
                  ]),
                  ['', 'Tổng cộng', String(rubric.reduce((a, c) => a + c.max, 0)), String(total)],
                ],
              },
            ],
            signer: { title: 'THÀNH VIÊN HỘI ĐỒNG', name: entry.actorName },
          }),
        },
      ];
    }
    case 'COUNCIL_RECOMMENDED':
    case 'COUNCIL_NOT_RECOMMENDED':
    case 'MEETING_NO_QUORUM': {
      const det = entry.details as {
        present?: string[];
        votes?: Record<string, string>;
        ballot?: { agree: number; disagree: number; abstain: number };
        mean?: number;
        agree?: number;
        required?: number;
        minutes?: string;
        proposedScope?: string;
      };
      const members = state.council?.members ?? [];
      const name = (id: string) => members.find((m) => m.personId === id)?.fullName ?? id;
      const chair = members.find((m) => m.position === 'CHAIR')?.fullName ?? '';
      const conclusion =
        entry.kind === 'MEETING_NO_QUORUM'
          ? 'Cuộc họp không đủ số thành viên theo quy định (ít nhất hai phần ba tổng số thành viên); Hội đồng sẽ họp lại.'
          : entry.kind === 'COUNCIL_RECOMMENDED'
            ? `Hội đồng đề nghị Chủ tịch UBND xã công nhận sáng kiến (${det.agree}/${members.length} thành viên đồng ý; điểm trung bình ${det.mean}; phạm vi đề nghị: ${det.proposedScope === 'PROVINCE' ? 'đề nghị cấp tỉnh' : 'cấp cơ sở'}).`
            : `Hội đồng không đề nghị công nhận sáng kiến (${det.agree ?? 0} thành viên đồng ý, cần ${det.required}; điểm trung bình ${det.mean}).`;
      return [
        {
          key: key('MINUTES', `#${entry.seq}`),
          kind: 'MINUTES',
          title: 'Biên bản họp Hội đồng sáng kiến',
          series: 'BB-HĐSK',
          symbol: 'BB-HĐSK',
          signerName: entry.actorName,
          build: (number) => ({
            issuer: council,
            number,
            place,
            date,
            type: 'Biên bản',
            summary: `Họp Hội đồng sáng kiến xét sáng kiến "${d.title}"`,
            body: [
              p(`Chủ trì: ${chair}. Thư ký: ${entry.actorName}.`),
              p(
                `Thành viên có mặt (${(det.present ?? []).length}/${members.length}): ${(det.present ?? []).map(name).join(', ')}.`,
              ),
              ...(state.council?.recused.length
                ? [
                    p(
                      `Thành viên không chấm điểm, không biểu quyết do là tác giả hoặc có xung đột lợi ích: ${state.council.recused.map(name).join(', ')}.`,
                    ),
                  ]
                : []),
              ...(det.ballot
                ? [
                    p(
                      `Hình thức biểu quyết: bỏ phiếu kín. Kết quả kiểm phiếu: ${det.ballot.agree} phiếu đồng ý, ${det.ballot.disagree} phiếu không đồng ý, ${det.ballot.abstain} phiếu không biểu quyết.`,
                    ),
                  ]
                : []),
              ...(det.votes && Object.keys(det.votes).length
                ? [
                    {
                      kind: 'table' as const,
                      header: ['TT', 'Thành viên', 'Biểu quyết'],
                      widths: [1, 6, 3],
                      rows: Object.entries(det.votes).map(([id, v], i) => [
                        String(i + 1),
                        name(id),
                        v === 'AGREE' ? 'Đồng ý' : v === 'DISAGREE' ? 'Không đồng ý' : 'Không biểu quyết',
                      ]),
                    },
                  ]
                : []),
              p(`Nội dung: ${det.minutes ?? ''}`),
              p(`Kết luận: ${conclusion}`, { bold: true }),
            ],
            signer: { title: 'THƯ KÝ HỘI ĐỒNG', name: entry.actorName },
            recipients: [
              'Chủ tịch UBND xã (để quyết định)',
              'Thành viên Hội đồng sáng kiến',
              'Lưu: Hội đồng sáng kiến',
            ],
          }),
        },
      ];
    }
    case 'EFFECT_CONFIRMED': {
      const effect = state.effect;
      const reports = effect?.reports ?? [];
      const benefit = reports.reduce((a, r) => a + (r.monetaryBenefitVnd ?? 0), 0);
      return [
        {
          key: key('EFFECT_CONFIRMATION'),
          kind: 'EFFECT_CONFIRMATION',
          title: 'Giấy xác nhận hiệu quả áp dụng',
          series: `GXN-${d.unitId}`,
          symbol: 'GXN',
          signerName: entry.actorName,
          build: (number) => ({
            issuer: { superior: `Ủy ban nhân dân xã ${ctx.commune.name}`, name: unit },
            number,
            place,
            date,
            type: 'Giấy xác nhận',
            summary: 'Hiệu quả áp dụng sáng kiến',
            body: [
              p(
                `${unit} xác nhận sáng kiến "${d.title}" của tác giả ${authors} đã được áp dụng tại đơn vị từ ngày ${d.firstAppliedOn.split('-').reverse().join('/')}.`,
              ),
              {
                kind: 'table',
                header: ['Chỉ số', 'Trước khi áp dụng', 'Sau khi áp dụng'],
                widths: [6, 3, 3],
                rows: reports.flatMap((r) =>
                  r.metrics.map((m) => [`${m.name} (${m.unit})`, String(m.baseline), String(m.value)]),
                ),
              },
              ...(benefit > 0 ? [p(`Số tiền làm lợi: ${vnd(benefit)}.`)] : []),
              p(
                `Kết luận: sáng kiến ${effect?.verdict === 'EFFECTIVE' ? 'có hiệu quả' : 'không mang lại hiệu quả như mong đợi'}. ${str(entry.details['summary'])}`,
              ),
            ],
            signer: { title: 'THỦ TRƯỞNG ĐƠN VỊ', name: entry.actorName },
            recipients: [`Hội đồng sáng kiến xã ${ctx.commune.name}`, 'Tác giả sáng kiến', `Lưu: ${unit}`],
          }),
        },
      ];
    }
    case 'RECOGNISED': {
      const dec = state.decision!;
      const signer = chairmanSigner(decisionSigner);
      const plans: DocumentPlan[] = [
        {
          key: key('RECOGNITION_DECISION'),
          kind: 'RECOGNITION_DECISION',
          title: 'Quyết định công nhận sáng kiến',
          series: 'QĐ-UBND',
          symbol: 'QĐ-UBND',
          signerName: entry.actorName,
          build: (number) => ({
            issuer: ubnd,
            number,
            place,
            date,
            type: 'Quyết định',
            summary: 'Về việc công nhận sáng kiến',
            authority: `Chủ tịch Ủy ban nhân dân xã ${ctx.commune.name}`,
            bases: [
              ...BASES_NĐ13,
              ...delegationBasis(decisionSigner),
              `Xét đề nghị của Hội đồng sáng kiến tại Biên bản họp Hội đồng`,
            ],
            body: [
              { kind: 'heading', text: 'QUYẾT ĐỊNH:', center: true },
              p(
                `Điều 1. Công nhận sáng kiến "${d.title}" của tác giả ${authors}, ${unit} (danh sách kèm theo).`,
              ),
              p(
                `Điều 2. Tác giả được hưởng các quyền theo Điều 9 Nghị định số 13/2012/NĐ-CP${dec.rewardVnd ? `; mức thưởng: ${vnd(dec.rewardVnd)}` : ''}.`,
              ),
              p(
                `Điều 3. Quyết định có hiệu lực kể từ ngày ký. Văn phòng HĐND và UBND xã, ${unit} và các tác giả có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.`,
              ),
            ],
            signer,
            recipients: recipientsUbnd,
            annex: {
              title: 'DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN',
              subtitle: `(Kèm theo Quyết định số ${number ?? ''} của Chủ tịch UBND xã ${ctx.commune.name})`,
              blocks: [
                {
                  kind: 'table',
                  header: ['TT', 'Tên sáng kiến', 'Tác giả (tỷ lệ đóng góp)', 'Đơn vị', 'Lĩnh vực'],
                  widths: [1, 5, 5, 3, 3],
                  rows: [['1', d.title, authors, unit, d.field]],
                },
              ],
            },
          }),
        },
      ];
      d.authors.forEach((a, i) =>
        plans.push({
          key: key('CERTIFICATE', `#${i + 1}`),
          kind: 'CERTIFICATE',
          title: `Giấy chứng nhận sáng kiến – ${a.fullName}`,
          series: 'GCN-UBND',
          symbol: 'GCN-UBND',
          signerName: entry.actorName,
          build: (number) => ({
            issuer: ubnd,
            number,
            place,
            date,
            type: 'Giấy chứng nhận sáng kiến',
            body: [
              p(`Chủ tịch Ủy ban nhân dân xã ${ctx.commune.name} chứng nhận:`),
              p(`Ông (bà): ${a.fullName}`, { bold: true }),
              p(
                `là tác giả (tỷ lệ đóng góp ${a.sharePercent}%) của sáng kiến "${d.title}", lĩnh vực ${d.field}, áp dụng tại ${unit}.`,
              ),
              p(`Đồng tác giả: ${authors}.`),
              p('Sáng kiến được công nhận có phạm vi ảnh hưởng, hiệu quả áp dụng tại cơ sở.'),
            ],
            signer,
            recipients: [a.fullName, unit, 'Lưu: VT, VHXH'],
          }),
        }),
      );
      return plans;
    }
    case 'REFUSED':
    case 'APPEAL_UPHELD': {
      const dec = state.decision;
      return [
        {
          key: key('REFUSAL_NOTICE', `#${entry.seq}`),
          kind: 'REFUSAL_NOTICE',
          title: 'Thông báo từ chối công nhận sáng kiến',
          series: 'TB-UBND',
          symbol: 'TB-UBND',
          signerName: entry.actorName,
          build: (number) => ({
            issuer: ubnd,
            number,
            place,
            date,
            type: 'Thông báo',
            summary: 'Về việc từ chối công nhận sáng kiến',
            body: [
              p(
                `Chủ tịch Ủy ban nhân dân xã ${ctx.commune.name} thông báo không công nhận sáng kiến "${d.title}" của tác giả ${authors}, ${unit}.`,
              ),
              p(
                `Lý do (Điều 7 Nghị định số 13/2012/NĐ-CP): ${dec?.reasons ?? str(entry.details['reasons'])}`,
              ),
              ...(entry.kind === 'REFUSED'
                ? [
                    p('Tác giả có quyền khiếu nại trong thời hạn quy định kể từ ngày nhận Thông báo này.', {
                      italic: true,
                    }),
                  ]
                : []),
            ],
            signer: chairmanSigner(decisionSigner),
            recipients: ['Tác giả sáng kiến', unit, 'Lưu: VT, VHXH'],
          }),
        },
      ];
    }
    default:
      return [];
  }
}

/** A detail of an entry as text (details are free-form). */
function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function p(text: string, o: { bold?: boolean; italic?: boolean } = {}): Block {
  return { kind: 'paragraph', text, ...o };
}
