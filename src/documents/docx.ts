/** Renders an OfficialDocument to DOCX (A4, NĐ30 margins, Times New Roman) with the docx library. */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { basisLines, vietnameseDate, type Block, type OfficialDocument } from './model';

const TWIP_PER_MM = 56.7;
const SIZE = 26; // half-points: 13 pt

const run = (
  text: string,
  o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {},
) =>
  new TextRun({
    text: text.normalize('NFC'),
    bold: o.bold ?? false,
    italics: o.italics ?? false,
    size: o.size ?? SIZE,
    ...(o.underline ? { underline: {} } : {}),
  });
const centred = (...runs: TextRun[]) => new Paragraph({ alignment: AlignmentType.CENTER, children: runs });
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};

/** A borderless table of one row: side-by-side columns, each with its width in percent of the page. */
function columns(...cols: [percent: number, children: (Paragraph | Table)[]][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: cols.map(
          ([percent, children]) =>
            new TableCell({
              width: { size: percent, type: WidthType.PERCENTAGE },
              borders: noBorders,
              children,
            }),
        ),
      }),
    ],
  });
}

/** The DOCX bytes of a document. */
export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  const left: Paragraph[] = [];
  for (const line of doc.issuer?.superior?.split('\n') ?? [])
    left.push(centred(run(line.toUpperCase(), { size: 24 })));
  for (const line of doc.issuer?.name.split('\n') ?? [])
    left.push(centred(run(line.toUpperCase(), { bold: true, size: 24 })));
  if (doc.number) left.push(centred(run(`Số: ${doc.number}`)));
  const placeDate = centred(run(`${doc.place}, ${vietnameseDate(doc.date)}`, { italics: true }));
  const right = [
    centred(run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 })),
    centred(run('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })),
    ...(doc.placeDate === 'signature' ? [] : [placeDate]),
  ];
  // Without an issuing body (a person's application), the national title and motto stand alone, centred.
  const header = doc.issuer ? columns([40, left], [60, right]) : columns([100, right]);

  const body: (Paragraph | Table)[] = [
    header,
    new Paragraph({ children: [] }),
    centred(run(doc.type.toUpperCase(), { bold: true, size: 28 })),
  ];
  if (doc.summary) body.push(centred(run(doc.summary, { bold: true })));
  if (doc.authority)
    body.push(new Paragraph({ children: [] }), centred(run(doc.authority.toUpperCase(), { bold: true })));
  if (doc.revoked) body.push(centred(run(doc.revoked, { bold: true })));
  if (doc.addressee)
    body.push(new Paragraph({ children: [] }), centred(run(`Kính gửi: ${doc.addressee}`, { size: 28 })));
  body.push(new Paragraph({ children: [] }));
  for (const line of basisLines(doc.bases ?? []))
    body.push(new Paragraph({ indent: { firstLine: 567 }, children: [run(line, { italics: true })] }));
  for (const b of doc.body) body.push(...blocks(b));

  const sign: Paragraph[] = [];
  if (doc.signer) {
    if (doc.placeDate === 'signature') sign.push(placeDate);
    if (doc.signer.authority) sign.push(centred(run(doc.signer.authority, { bold: true })));
    sign.push(
      centred(run(doc.signer.title, { bold: true })),
      centred(run(doc.signer.note ?? '(Đã ký)', { italics: true, size: 22 })),
    );
    sign.push(
      new Paragraph({ children: [] }),
      new Paragraph({ children: [] }),
      ...(doc.signer.note ? [new Paragraph({ children: [] }), new Paragraph({ children: [] })] : []),
      centred(run(doc.signer.name, { bold: true })),
    );
  }
  const recipients: Paragraph[] = doc.recipients?.length
    ? [
        new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
        ...doc.recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 22 })] })),
      ]
    : [new Paragraph({ children: [] })];
  body.push(
    new Paragraph({ children: [] }),
    columns([45, recipients], [55, sign.length ? sign : [new Paragraph({ children: [] })]]),
  );
  if (doc.footnote)
    body.push(
      new Paragraph({ children: [] }),
      new Paragraph({ children: [run(doc.footnote, { italics: true, size: 20 })] }),
    );
  if (doc.annex) {
    body.push(new Paragraph({ children: [new PageBreak()] }), centred(run(doc.annex.title, { bold: true })));
    if (doc.annex.subtitle) body.push(centred(run(doc.annex.subtitle, { italics: true })));
    for (const b of doc.annex.blocks) body.push(...blocks(b));
  }

  const document = new Document({
    creator: 'Sáng kiến',
    title: `${doc.type} ${doc.summary ?? ''}`.trim(),
    styles: { default: { document: { run: { font: 'Times New Roman', size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * TWIP_PER_MM), height: Math.round(297 * TWIP_PER_MM) },
            margin: {
              top: 20 * TWIP_PER_MM,
              bottom: 20 * TWIP_PER_MM,
              left: 30 * TWIP_PER_MM,
              right: 15 * TWIP_PER_MM,
            },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}

function blocks(b: Block): (Paragraph | Table)[] {
  if (b.kind === 'heading') {
    return [
      new Paragraph({
        spacing: { before: 120 },
        alignment: b.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(b.text, { bold: true })],
      }),
    ];
  }
  if (b.kind === 'paragraph') {
    return [
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: 567 },
        spacing: { after: 120 },
        children: [run(b.text, { bold: b.bold ?? false, italics: b.italic ?? false })],
      }),
    ];
  }
  const total = b.widths.reduce((a, x) => a + x, 0);
  const cell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      width: { size: Math.round((b.widths[i]! / total) * 100), type: WidthType.PERCENTAGE },
      children: [new Paragraph({ children: [run(text, { bold, size: 22 })] })],
    });
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ children: b.header.map((h, i) => cell(h, i, true)) }),
        ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) })),
      ],
    }),
    new Paragraph({ children: [] }),
  ];
}
