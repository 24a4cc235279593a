/** Tinos: metric-compatible with Times New Roman (NĐ30's font) with full Vietnamese coverage, shipped as whole TTFs. */
import path from 'node:path';

const dir = path.dirname(require.resolve('@expo-google-fonts/tinos/package.json'));

/** Paths of the four faces. */
export const TINOS = {
  regular: path.join(dir, '400Regular', 'Tinos_400Regular.ttf'),
  bold: path.join(dir, '700Bold', 'Tinos_700Bold.ttf'),
  italic: path.join(dir, '400Regular_Italic', 'Tinos_400Regular_Italic.ttf'),
  boldItalic: path.join(dir, '700Bold_Italic', 'Tinos_700Bold_Italic.ttf'),
};
