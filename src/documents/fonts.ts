/** Tinos: metric-compatible with Times New Roman (NĐ30's font) with full Vietnamese coverage, shipped as whole TTFs. */
import fs from 'node:fs';
import path from 'node:path';
import { create, type Font } from 'fontkit';

const dir = path.dirname(require.resolve('@expo-google-fonts/tinos/package.json'));

/** Paths of the four faces. */
export const TINOS = {
  regular: path.join(dir, '400Regular', 'Tinos_400Regular.ttf'),
  bold: path.join(dir, '700Bold', 'Tinos_700Bold.ttf'),
  italic: path.join(dir, '400Regular_Italic', 'Tinos_400Regular_Italic.ttf'),
  boldItalic: path.join(dir, '700Bold_Italic', 'Tinos_700Bold_Italic.ttf'),
};

let parsed: Record<keyof typeof TINOS, Font> | undefined;

/**
 * The four faces, parsed once per process, for one document: call it once per document, and draw that document to
 * its end without awaiting anything. pdfkit takes a parsed font as well as a path; given a path it parses the file
 * again for every document, which made a one-page PDF cost about ten times as much. Each document still embeds its own
 * subset of the glyphs it uses.
 *
 * The glyph cache is emptied for each document: fontkit 2.0.4 keeps a glyph with the characters of its first use, and
 * subsetting fetches the parts of a composite glyph (the "u" of "ư") without any, so a later document would lose those
 * letters from its text layer (foliojs/fontkit#154; reproduction in docs/documents.md, "Fonts").
 */
export function tinosFonts(): Record<keyof typeof TINOS, Font> {
  parsed ??= {
    regular: create(fs.readFileSync(TINOS.regular)),
    bold: create(fs.readFileSync(TINOS.bold)),
    italic: create(fs.readFileSync(TINOS.italic)),
    boldItalic: create(fs.readFileSync(TINOS.boldItalic)),
  };
  for (const font of Object.values(parsed)) font._glyphs = [];
  return parsed;
}
