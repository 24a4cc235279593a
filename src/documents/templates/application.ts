/**
 * The print of a case's dossier: the application for recognition laid out as TT18 Phụ lục I ("Đơn yêu cầu công nhận
 * sáng kiến"), with the description (Bản mô tả sáng kiến) as its annex. A print of what the dossier holds, not an
 * issued document: no number, no register entry, nothing written to the legal record. What the dossier does not
 * carry is left as a dotted blank, as on the paper form, for the person to fill in by hand.
 *
 * The form's fields up to "Những thông tin cần được bảo mật" are the published text (legal-basis.md §2.4, [V]); the
 * rest (conditions, the two assessments of benefit, the list of people who took part in the first application, the
 * declaration, place, date and signature) follow the form as it is commonly reproduced ([NF] in legal-basis.md).
 */
import type { AttachmentRef, InitiativeState } from '../../contracts/initiative';
import type { Block, OfficialDocument } from '../model';
import type { Commune } from './context';

/** A dotted blank for a field the dossier does not carry. */
export const BLANK = '.'.repeat(60);
/** The columns of the two tables (number, name, birth date, workplace, title, qualification, share or work). */
const WIDTHS = [1.1, 5, 2.7, 3.8, 2.4, 2.6, 2.5];
/** A dotted blank for a table cell. */
const CELL_BLANK = '.'.repeat(8);

/** `YYYY-MM-DD` as `dd/mm/yyyy` (anything else as given). */
function dmy(date: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

const filled = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);

/**
 * A labelled field of the form: "- Label: value", the value's further lines as paragraphs of their own (a DOCX run
 * does not break lines), a dotted blank when the dossier has no value.
 */
function field(label: string, value: string | undefined): Block[] {
  const lines = (filled(value) ?? BLANK).split(/\r?\n/).filter((l) => l.trim() !== '');
  return [
    { kind: 'paragraph', text: `${label}: ${lines[0]}` },
    ...lines.slice(1).map((text): Block => ({ kind: 'paragraph', text })),
  ];
}

/** A section of the description: its heading, then its text (one paragraph per line) or a dotted blank. */
function section(heading: string, value: string | undefined): Block[] {
  const lines = (filled(value) ?? BLANK).split(/\r?\n/).filter((l) => l.trim() !== '');
  return [{ kind: 'heading', text: heading }, ...lines.map((text): Block => ({ kind: 'paragraph', text }))];
}

/** The current files of the case (a replaced file is listed under the one that replaced it, not here). */
function currentFiles(attachments: readonly AttachmentRef[] | undefined): AttachmentRef[] {
  return (attachments ?? []).filter((a) => !a.replacedBy);
}

/** The application form and its description, from the case's dossier as the read model holds it. */
export function applicationForm(
  state: Pick<
    InitiativeState,
    'initiativeId' | 'code' | 'dossier' | 'dossierVersion' | 'filedBy' | 'filedAt' | 'attachments'
  >,
  ctx: { commune?: Commune | undefined },
): OfficialDocument {
  const d = state.dossier;
  const description = d.description ?? {};
  const participants = (d.firstApplicationParticipants ?? []).filter((x) => x.trim() !== '');
  const files = currentFiles(state.attachments);
  const code = state.code ?? state.initiativeId;
  return {
    number: null,
    place: ctx.commune?.name ?? '.'.repeat(12),
    date: new Date(state.filedAt),
    placeDate: 'signature',
    type: 'Đơn yêu cầu công nhận sáng kiến',
    addressee: filled(d.addressee) ?? BLANK,
    body: [
      { kind: 'paragraph', text: 'Tôi (chúng tôi) ghi tên dưới đây:' },
      {
        kind: 'table',
        header: [
          'Số TT',
          'Họ và tên',
          'Ngày tháng năm sinh',
          'Nơi công tác (hoặc nơi thường trú)',
          'Chức danh',
          'Trình độ chuyên môn',
          'Tỷ lệ (%) đóng góp vào việc tạo ra sáng kiến',
        ],
        widths: WIDTHS,
        rows: d.authors.map((a, i) => [
          String(i + 1),
          a.fullName,
          dmy(filled(a.birthDate)) ?? CELL_BLANK,
          filled(a.workplace) ?? CELL_BLANK,
          filled(a.jobTitle) ?? CELL_BLANK,
          filled(a.qualification) ?? CELL_BLANK,
          `${a.sharePercent}%`,
        ]),
      },
      { kind: 'paragraph', text: `Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến: ${d.title}` },
      ...field(
        '- Chủ đầu tư tạo ra sáng kiến (trường hợp tác giả không đồng thời là chủ đầu tư tạo ra sáng kiến)',
        // TT18 Art. 5: funding by the State is declared in so many words.
        d.stateFunded
          ? `${filled(d.investor) ?? BLANK} (sáng kiến được tạo ra bằng kinh phí nhà nước)`
          : d.investor,
      ),
      ...field('- Lĩnh vực áp dụng sáng kiến', d.field),
      ...field(
        '- Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử (ghi ngày nào sớm hơn)',
        dmy(d.firstAppliedOn),
      ),
      ...field(
        '- Mô tả bản chất của sáng kiến',
        `${d.summary}${Object.values(description).some(filled) ? '\n(Chi tiết tại Bản mô tả sáng kiến kèm theo.)' : ''}`,
      ),
      ...field('- Những thông tin cần được bảo mật (nếu có)', d.confidentialInfo),
      ...field('- Những điều kiện cần thiết để áp dụng sáng kiến', d.applicationConditions),
      ...field(
        '- Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến theo ý kiến của tác giả',
        d.expectedBenefit,
      ),
      ...field(
        '- Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến theo ý kiến của tổ chức, cá nhân đã tham gia áp dụng sáng kiến lần đầu, kể cả áp dụng thử (nếu có)',
        undefined,
      ),
      {
        kind: 'paragraph',
        text: '- Danh sách những người đã tham gia áp dụng thử hoặc áp dụng sáng kiến lần đầu (nếu có):',
      },
      {
        kind: 'table',
        header: [
          'Số TT',
          'Họ và tên',
          'Ngày tháng năm sinh',
          'Nơi công tác',
          'Chức danh',
          'Trình độ chuyên môn',
          'Nội dung công việc hỗ trợ',
        ],
        widths: WIDTHS,
        // The dossier keeps each person as one line (name and workplace): the other cells are left to fill.
        rows: (participants.length ? participants : [CELL_BLANK]).map((who, i) => [
          String(i + 1),
          who,
          CELL_BLANK,
          CELL_BLANK,
          CELL_BLANK,
          CELL_BLANK,
          CELL_BLANK,
        ]),
      },
      {
        kind: 'paragraph',
        text: 'Tôi (chúng tôi) xin cam đoan mọi thông tin nêu trong đơn là trung thực, đúng sự thật và hoàn toàn chịu trách nhiệm trước pháp luật.',
      },
    ],
    signer: { title: 'Người nộp đơn', note: '(Ký và ghi rõ họ tên)', name: state.filedBy.fullName },
    footnote: `Bản in hồ sơ ${code} (nội dung hồ sơ phiên bản ${state.dossierVersion}); không phải văn bản ban hành, không có số.`,
    annex: {
      title: 'BẢN MÔ TẢ SÁNG KIẾN',
      subtitle: `(Kèm theo Đơn yêu cầu công nhận sáng kiến "${d.title}")`,
      blocks: [
        ...section('1. Tên sáng kiến', d.title),
        ...section('2. Tình trạng giải pháp đã biết', description.priorState),
        ...section('3. Mục đích của giải pháp', description.purpose),
        ...section('4. Nội dung giải pháp', description.content),
        ...section('5. Khả năng áp dụng', description.applicability),
        ...section('6. Hiệu quả, lợi ích thu được so với trước khi áp dụng', description.effectComparison),
        ...section(
          '7. Tài liệu kèm theo',
          files.map((f, i) => `${i + 1}. ${f.filename}${f.confidential ? ' (bảo mật)' : ''}`).join('\n') ||
            undefined,
        ),
      ],
    },
  };
}
