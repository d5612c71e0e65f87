/**
 * A 5x7 bitmap font for printable ASCII (32..126) plus Δ and ±, so plots need no font files.
 * Each glyph is 5 columns of 7 bits, least significant bit at the top row (the classic
 * HD44780-style table).
 */
const ASCII =
  "000000000000005f00000007000700147f147f14242a7f2a12231308646236495522500005030000001c2241000041221c00" +
  "082a1c2a0808083e080800503000000808080808006060000020100804023e5149453e00427f400042615149462141454b31" +
  "1814127f1027454545393c4a49493001710905033649494936064949291e0036360000005636000000081422411414141414" +
  "41221408000201510906324979413e7e1111117e7f494949363e414141227f4141221c7f494949417f090901013e41415132" +
  "7f0808087f00417f41002040413f017f081422417f404040407f0204027f7f0408107f3e4141413e7f090909063e4151215e" +
  "7f09192946464949493101017f01013f4040403f1f2040201f7f2018207f63140814630304780403615149454300007f4141" +
  "020408102041417f000004020102044040404040000102040020545454787f484444383844444420384444487f3854545418" +
  "087e090102081454543c7f0804047800447d40002040443d00007f10284400417f40007c041804787c080404783844444438" +
  "7c14141408081414187c7c080404084854545420043f4440203c4040207c1c2040201c3c4030403c44281028440c5050503c" +
  "4464544c44000836410000007f000000413608001008081008";

const EXTRA: Record<string, string> = { Δ: "6058465860", "±": "44445f4444", "²": "0019151200" };

/** Width and height of a glyph in font pixels; characters advance by GLYPH_WIDTH + 1. */
export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;

/** The 5 column bytes of a character; unknown characters draw as `?`. */
export function glyphColumns(ch: string): readonly number[] {
  const extra = EXTRA[ch];
  const code = ch.codePointAt(0) ?? 63;
  const hex =
    extra ?? (code >= 32 && code <= 126 ? ASCII.slice((code - 32) * 10, (code - 32) * 10 + 10) : undefined);
  const h = hex ?? ASCII.slice((63 - 32) * 10, (63 - 32) * 10 + 10);
  const cols: number[] = [];
  for (let i = 0; i < GLYPH_WIDTH; i++) cols.push(Number.parseInt(h.slice(i * 2, i * 2 + 2), 16));
  return cols;
}

/** Width in pixels of `text` drawn at `scale`. */
export function textWidth(text: string, scale = 1): number {
  const n = [...text].length;
  return n === 0 ? 0 : (n * (GLYPH_WIDTH + 1) - 1) * scale;
}
