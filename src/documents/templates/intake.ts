/** The intake documents: the receipt of a registered dossier, and the notices to amend it or that it is not accepted. */
import { p, str, type DocumentPlan, type TemplateContext } from './context';

/** The receipt of a registered dossier (Giấy biên nhận), numbered by the intake register. */
export function receipt(t: TemplateContext): DocumentPlan[] {
  const { entry, state, commune, ubnd, date, place, d, authors, unit, key, caseCode } = t;
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
            `Bộ phận tiếp nhận Ủy ban nhân dân xã ${commune.name} đã nhận đơn yêu cầu công nhận sáng kiến "${d.title}" của tác giả: ${authors}; đơn vị: ${unit}.`,
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

/** A notice to amend the dossier (asked by the secretary) or that it is not accepted, with the items or reasons. */
export function intakeNotice(t: TemplateContext): DocumentPlan[] {
  const { entry, state, commune, ubnd, date, place, d, authors, unit, key, caseCode } = t;
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
                `Ủy ban nhân dân xã ${commune.name} đề nghị tác giả sáng kiến "${d.title}" (${authors}) bổ sung các nội dung sau:`,
              ),
              ...items.map((i, n) => p(`${n + 1}. ${i}`)),
              ...caseCode,
            ]
          : [
              p(
                `Ủy ban nhân dân xã ${commune.name} không chấp nhận đơn yêu cầu công nhận sáng kiến "${d.title}" của tác giả: ${authors}.`,
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
