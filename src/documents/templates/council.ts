/** The council's documents: the decision forming it, each member's score sheet, the minutes of its meetings. */
import type { CouncilMember } from '../../domain/council';
import type { RulePack } from '../../domain/rule-pack';
import { recordedAuthority, type SigningAuthority } from '../../domain/signing';
import { BASES_NĐ13, p, str, type DocumentPlan, type TemplateContext } from './context';

const POSITION_VI: Record<CouncilMember['position'], string> = {
  CHAIR: 'Chủ tịch Hội đồng',
  VICE_CHAIR: 'Phó Chủ tịch Hội đồng',
  SECRETARY: 'Ủy viên thư ký',
  MEMBER: 'Ủy viên',
  UNION_REP: 'Ủy viên (đại diện Công đoàn)',
};

/** The chairman's decision forming the council, with its members. */
export function councilDecision(t: TemplateContext): DocumentPlan[] {
  const {
    entry,
    state,
    commune,
    ubnd,
    date,
    place,
    d,
    key,
    chairmanSigner,
    delegationBasis,
    recipientsUbnd,
  } = t;
  const members = (entry.details['members'] as CouncilMember[] | undefined) ?? state.council?.members ?? [];
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
        authority: `Chủ tịch Ủy ban nhân dân xã ${commune.name}`,
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

/** One member's score sheet against the rule pack's rubric. */
export function scoreSheet(t: TemplateContext): DocumentPlan[] {
  const { entry, council, date, place, d, authors, unit, key } = t;
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
              ...rubric.map((c, i) => [String(i + 1), c.label, String(c.max), String(scores[c.key] ?? '')]),
              ['', 'Tổng cộng', String(rubric.reduce((a, c) => a + c.max, 0)), String(total)],
            ],
          },
        ],
        signer: { title: 'THÀNH VIÊN HỘI ĐỒNG', name: entry.actorName },
      }),
    },
  ];
}

/** The minutes of a council meeting: who was present, the vote and the conclusion. */
export function meetingMinutes(t: TemplateContext): DocumentPlan[] {
  const { entry, state, council, date, place, d, key } = t;
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
