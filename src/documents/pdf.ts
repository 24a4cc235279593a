/** Renders an OfficialDocument to PDF (A4, NĐ30 margins and layout) with pdfkit and the embedded Tinos font (a subset per document). */
import PDFDocument from 'pdfkit';
import { tinosFonts } from './fonts';
import { basisLines, vietnameseDate, type Block, type OfficialDocument } from './model';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const SIZE = 13;

/** The PDF bytes of a document. Text is normalised to NFC before it is drawn. */
export function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: {
      Title: `${doc.type}${doc.summary ? ` ${doc.summary}` : ''}`.normalize('NFC'),
      Author: doc.issuer?.name ?? doc.signer?.name ?? '',
      Creator: 'Sáng kiến',
      // A fixed creation date (the document's own) keeps the bytes of a re-render of the same document identical:
      // pdfkit dates a document "now" unless its info says otherwise, and derives the file's /ID from that date.
      CreationDate: doc.date,
    },
  });
  // pdfkit's types list paths and bytes only; its font factory takes a parsed fontkit font as well (`layout`).
  const fonts = tinosFonts() as unknown as Record<string, Buffer>;
  pdf.registerFont('R', fonts['regular']);
  pdf.registerFont('B', fonts['bold']);
  pdf.registerFont('I', fonts['italic']);
  pdf.registerFont('BI', fonts['boldItalic']);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const t = (s: string) => s.normalize('NFC');

  // Header: issuing body and number on the left, national title, motto, place and date on the right. Without an
  // issuing body (a person's application) the national title and motto stand alone, centred on the page.
  const leftW = WIDTH * 0.42;
  const rightX = MARGIN.left + WIDTH * 0.4;
  const rightW = WIDTH * 0.6;
  const titleX = doc.issuer ? rightX : MARGIN.left;
  const titleW = doc.issuer ? rightW : WIDTH;
  const top = MARGIN.top;
  let y = top;
  let leftBottom = top;
  if (doc.issuer) {
    if (doc.issuer.superior) {
      pdf
        .font('R')
        .fontSize(12)
        .text(t(doc.issuer.superior.toUpperCase()), MARGIN.left, y, { width: leftW, align: 'center' });
      y = pdf.y;
    }
    pdf
      .font('B')
      .fontSize(12)
      .text(t(doc.issuer.name.toUpperCase()), MARGIN.left, y, { width: leftW, align: 'center' });
    y = pdf.y + 2;
    pdf
      .moveTo(MARGIN.left + leftW * 0.35, y)
      .lineTo(MARGIN.left + leftW * 0.65, y)
      .lineWidth(0.5)
      .stroke();
    if (doc.number)
      pdf
        .font('R')
        .fontSize(SIZE)
        .text(t(`Số: ${doc.number}`), MARGIN.left, y + 6, { width: leftW, align: 'center' });
    leftBottom = pdf.y;
  }

  pdf
    .font('B')
    .fontSize(12)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', titleX, top, { width: titleW, align: 'center' });
  pdf
    .font('B')
    .fontSize(SIZE)
    .text(t('Độc lập - Tự do - Hạnh phúc'), titleX, pdf.y, { width: titleW, align: 'center' });
  const mottoW = pdf.widthOfString(t('Độc lập - Tự do - Hạnh phúc'));
  const ly = pdf.y + 2;
  pdf
    .moveTo(titleX + (titleW - mottoW) / 2, ly)
    .lineTo(titleX + (titleW + mottoW) / 2, ly)
    .lineWidth(0.5)
    .stroke();
  pdf.y = ly;
  if (doc.placeDate !== 'signature')
    pdf
      .font('I')
      .fontSize(SIZE)
      .text(t(`${doc.place}, ${vietnameseDate(doc.date)}`), rightX, ly + 6, {
        width: rightW,
        align: 'center',
      });
  y = Math.max(leftBottom, pdf.y) + 18;

  // Type and summary, centred; the issuing authority of a decision under them.
  pdf
    .font('B')
    .fontSize(14)
    .text(t(doc.type.toUpperCase()), MARGIN.left, y, { width: WIDTH, align: 'center' });
  if (doc.summary) pdf.font('B').fontSize(SIZE).text(t(doc.summary), { width: WIDTH, align: 'center' });
  if (doc.summary) {
    const sy = pdf.y + 2;
    pdf
      .moveTo(MARGIN.left + WIDTH * 0.4, sy)
      .lineTo(MARGIN.left + WIDTH * 0.6, sy)
      .lineWidth(0.5)
      .stroke();
    pdf.y = sy + 6;
  }
  if (doc.authority)
    pdf
      .moveDown(0.5)
      .font('B')
      .fontSize(SIZE)
      .text(t(doc.authority.toUpperCase()), MARGIN.left, pdf.y, { width: WIDTH, align: 'center' });
  if (doc.revoked) {
    pdf
      .moveDown(0.3)
      .font('B')
      .fontSize(SIZE)
      .fillColor('#b00000')
      .text(t(doc.revoked), { width: WIDTH, align: 'center' })
      .fillColor('black');
  }
  if (doc.addressee)
    pdf
      .moveDown(0.6)
      .font('R')
      .fontSize(14)
      .text(t(`Kính gửi: ${doc.addressee}`), MARGIN.left, pdf.y, { width: WIDTH, align: 'center' });
  pdf.moveDown(0.8);
  for (const line of basisLines(doc.bases ?? [])) {
    pdf
      .font('I')
      .fontSize(SIZE)
      .text(t(line), MARGIN.left, pdf.y, {
        width: WIDTH,
        align: 'justify',
        indent: 10 * MM,
        paragraphGap: 2,
      });
  }
  if (doc.bases?.length) pdf.moveDown(0.4);
  for (const b of doc.body) block(pdf, b, t);

  // Recipients bottom left, signer bottom right.
  pdf.moveDown(1);
  if (pdf.y > PAGE.height - MARGIN.bottom - 55 * MM) pdf.addPage();
  const sy = pdf.y;
  let bottom = sy;
  if (doc.recipients?.length) {
    pdf.font('BI').fontSize(12).text('Nơi nhận:', MARGIN.left, sy, { width: leftW });
    for (const r of doc.recipients)
      pdf
        .font('R')
        .fontSize(11)
        .text(t(`- ${r}`), { width: leftW });
    bottom = pdf.y;
  }
  if (doc.signer) {
    let yy = sy;
    if (doc.placeDate === 'signature') {
      pdf
        .font('I')
        .fontSize(SIZE)
        .text(t(`${doc.place}, ${vietnameseDate(doc.date)}`), rightX, yy, { width: rightW, align: 'center' });
      yy = pdf.y;
    }
    if (doc.signer.authority) {
      pdf
        .font('B')
        .fontSize(SIZE)
        .text(t(doc.signer.authority), rightX, yy, { width: rightW, align: 'center' });
      yy = pdf.y;
    }
    pdf.font('B').fontSize(SIZE).text(t(doc.signer.title), rightX, yy, { width: rightW, align: 'center' });
    pdf
      .font('I')
      .fontSize(11)
      .text(t(doc.signer.note ?? '(Đã ký)'), rightX, pdf.y + (doc.signer.note ? 0 : 8), {
        width: rightW,
        align: 'center',
      });
    pdf
      .font('B')
      .fontSize(SIZE)
      .text(t(doc.signer.name), rightX, pdf.y + (doc.signer.note ? 56 : 36), {
        width: rightW,
        align: 'center',
      });
    bottom = Math.max(bottom, pdf.y);
  }
  if (doc.footnote)
    pdf
      .font('I')
      .fontSize(10)
      .text(t(doc.footnote), MARGIN.left, bottom + 24, { width: WIDTH, align: 'left' });

  if (doc.annex) {
    pdf.addPage();
    pdf
      .font('B')
      .fontSize(SIZE)
      .text(t(doc.annex.title), MARGIN.left, MARGIN.top, { width: WIDTH, align: 'center' });
    if (doc.annex.subtitle)
      pdf.font('I').fontSize(SIZE).text(t(doc.annex.subtitle), { width: WIDTH, align: 'center' });
    pdf.moveDown(0.8);
    for (const b of doc.annex.blocks) block(pdf, b, t);
  }
  pdf.end();
  return done;
}

function block(pdf: PDFKit.PDFDocument, b: Block, t: (s: string) => string): void {
  if (b.kind === 'heading') {
    pdf
      .moveDown(0.3)
      .font('B')
      .fontSize(SIZE)
      .text(t(b.text), MARGIN.left, pdf.y, { width: WIDTH, align: b.center ? 'center' : 'left' });
    pdf.moveDown(0.2);
  } else if (b.kind === 'paragraph') {
    pdf
      .font(b.bold ? 'B' : b.italic ? 'I' : 'R')
      .fontSize(SIZE)
      .text(t(b.text), MARGIN.left, pdf.y, {
        width: WIDTH,
        align: 'justify',
        indent: 10 * MM,
        paragraphGap: 4,
        lineGap: 1,
      });
  } else {
    const total = b.widths.reduce((a, x) => a + x, 0);
    const widths = b.widths.map((w) => (w / total) * WIDTH);
    const row = (cells: string[], font: string) => {
      if (pdf.y > PAGE.height - MARGIN.bottom - 20 * MM) pdf.addPage();
      const y0 = pdf.y;
      let x = MARGIN.left;
      let bottom = y0;
      cells.forEach((c, i) => {
        pdf
          .font(font)
          .fontSize(11)
          .text(t(c), x + 3, y0 + 3, { width: widths[i]! - 6, align: i === 0 ? 'center' : 'left' });
        bottom = Math.max(bottom, pdf.y + 3);
        x += widths[i]!;
      });
      x = MARGIN.left;
      for (const w of widths) {
        pdf
          .rect(x, y0, w, bottom - y0)
          .lineWidth(0.5)
          .stroke();
        x += w;
      }
      pdf.y = bottom;
    };
    row(b.header, 'B');
    for (const r of b.rows) row(r, 'R');
    pdf.moveDown(0.5);
  }
}
