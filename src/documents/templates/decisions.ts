/**
 * The documents of the outcome: the unit's confirmation of the effect, the chairman's recognition decision with the
 * authors' certificates, and the refusal notice.
 */
import { vnd } from '../model';
import { BASES_NĐ13, p, str, type DocumentPlan, type TemplateContext } from './context';

/** The unit's confirmation of the effect of applying the initiative. */
export function effectConfirmation(t: TemplateContext): DocumentPlan[] {
  const { entry, state, commune, date, place, d, authors, unit, key } = t;
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
        issuer: { superior: `Ủy ban nhân dân xã ${commune.name}`, name: unit },
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
        recipients: [`Hội đồng sáng kiến xã ${commune.name}`, 'Tác giả sáng kiến', `Lưu: ${unit}`],
      }),
    },
  ];
}

/** The recognition decision, and a certificate for each author. */
export function recognition(t: TemplateContext): DocumentPlan[] {
  const {
    entry,
    state,
    commune,
    ubnd,
    date,
    place,
    d,
    authors,
    unit,
    key,
    chairmanSigner,
    delegationBasis,
    decisionSigner,
    recipientsUbnd,
  } = t;
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
        authority: `Chủ tịch Ủy ban nhân dân xã ${commune.name}`,
        bases: [
          ...BASES_NĐ13,
          ...delegationBasis(decisionSigner),
          `Xét đề nghị của Hội đồng sáng kiến tại Biên bản họp Hội đồng`,
        ],
        body: [
          { kind: 'heading', text: 'QUYẾT ĐỊNH:', center: true },
          p(`Điều 1. Công nhận sáng kiến "${d.title}" của tác giả ${authors}, ${unit} (danh sách kèm theo).`),
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
          subtitle: `(Kèm theo Quyết định số ${number ?? ''} của Chủ tịch UBND xã ${commune.name})`,
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
          p(`Chủ tịch Ủy ban nhân dân xã ${commune.name} chứng nhận:`),
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

/** The notice refusing recognition (also when an appeal upholds the refusal), with its reasons. */
export function refusalNotice(t: TemplateContext): DocumentPlan[] {
  const { entry, state, commune, ubnd, date, place, d, authors, unit, key, chairmanSigner, decisionSigner } =
    t;
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
            `Chủ tịch Ủy ban nhân dân xã ${commune.name} thông báo không công nhận sáng kiến "${d.title}" của tác giả ${authors}, ${unit}.`,
          ),
          p(`Lý do (Điều 7 Nghị định số 13/2012/NĐ-CP): ${dec?.reasons ?? str(entry.details['reasons'])}`),
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
