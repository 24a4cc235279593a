import { execFileSync } from 'node:child_process';
import { renderPdf } from '../../src/documents/pdf';
import type { OfficialDocument } from '../../src/documents/model';

const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf })
    .toString('utf8')
    .replace(/\s+/g, ' ');

const doc = (text: string): OfficialDocument => ({
  issuer: { name: 'Ủy ban nhân dân xã Thanh Thủy' },
  number: null,
  place: 'Thanh Thủy',
  date: new Date('2026-12-07T03:00:00Z'),
  type: 'THÔNG BÁO',
  body: [{ kind: 'paragraph', text }],
});

test('when documents are rendered one after another with the shared fonts, then each keeps every letter in its text', async () => {
  // The first uses composite glyphs ("ư", "ờ", "ế", "Ô") whose parts are plain letters the second uses alone.
  await renderPdf(doc('Trường THCS xét đề nghị, ÔNG BÁO CÁO'));
  const second = pdfText(await renderPdf(doc('Tru ong xem UBND hoc')));
  expect(second).toContain('Tru ong xem UBND hoc');
  expect(second).toContain('THÔNG BÁO');
});
