/** The part of fontkit (pdfkit's font engine, no types of its own) that src/documents/fonts.ts uses. */
declare module 'fontkit' {
  /** A parsed font; pdfkit's registerFont takes it as it is. */
  export interface Font {
    layout(text: string): unknown;
    /** Its glyph cache (private to fontkit): src/documents/fonts.ts empties it for each document. */
    _glyphs: unknown[];
  }
  export function create(buffer: Buffer): Font;
}
