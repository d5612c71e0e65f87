/**
 * A palette of representative colours: `colors[3 * i + ch]` is channel ch of colour i,
 * integers in [0, 255]. Label i means colour i.
 */
export interface Palette {
  readonly size: number;
  readonly colors: Uint8Array;
}

/** Builds a palette from `[[r, g, b], ...]`, refusing values that are not integers in [0, 255]. */
export function paletteFromArray(colors: readonly (readonly number[])[]): Palette {
  if (!Array.isArray(colors) || colors.length === 0)
    throw new RangeError("palette must be a non-empty array");
  if (colors.length > 255)
    throw new RangeError(`palette has ${colors.length} colours; at most 255 are allowed`);
  const out = new Uint8Array(colors.length * 3);
  colors.forEach((c, i) => {
    if (!Array.isArray(c) || c.length !== 3) throw new RangeError(`palette colour ${i} is not [r, g, b]`);
    for (let ch = 0; ch < 3; ch++) {
      const v = c[ch];
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 255) {
        throw new RangeError(`palette colour ${i} has ${JSON.stringify(v)}; channels are integers 0..255`);
      }
      out[i * 3 + ch] = v;
    }
  });
  return { size: colors.length, colors: out };
}

/** The palette as `[[r, g, b], ...]`. */
export function paletteToArray(palette: Palette): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < palette.size; i++) {
    out.push([palette.colors[i * 3], palette.colors[i * 3 + 1], palette.colors[i * 3 + 2]]);
  }
  return out;
}

/** Index of the palette colour nearest to (r, g, b) in RGB Euclidean distance; ties go to the lower index. */
export function nearestLabel(palette: Palette, r: number, g: number, b: number): number {
  const p = palette.colors;
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i < palette.size; i++) {
    const dr = r - p[i * 3];
    const dg = g - p[i * 3 + 1];
    const db = b - p[i * 3 + 2];
    const d = dr * dr + dg * dg + db * db;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Labels every pixel of an interleaved RGB buffer with its nearest palette colour. */
export function labelPixels(palette: Palette, rgb: Uint8Array): Uint8Array {
  const n = rgb.length / 3;
  const labels = new Uint8Array(n);
  // Colours repeat a lot in photographs: an open-addressing table keyed by the 24-bit colour (its
  // label in the top byte) finds each distinct colour's label once.
  let bits = 10;
  while (1 << bits < Math.min(2 * n, 1 << 22)) bits++;
  const mask = (1 << bits) - 1;
  let table = new Int32Array(1 << bits).fill(-1);
  let used = 0;
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const key = (rgb[p] << 16) | (rgb[p + 1] << 8) | rgb[p + 2];
    let h = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
    for (;;) {
      const e = table[h];
      if (e === -1) {
        const l = nearestLabel(palette, rgb[p], rgb[p + 1], rgb[p + 2]);
        if (2 * ++used > mask) {
          // Full: start a fresh table rather than grow it (colours only repeat less from here).
          table = new Int32Array(1 << bits).fill(-1);
          used = 1;
          h = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
        }
        table[h] = key | (l << 24);
        labels[i] = l;
        break;
      }
      if ((e & 0xffffff) === key) {
        labels[i] = e >>> 24;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  return labels;
}

/** Paints labels with their palette colours into a new interleaved RGB buffer. */
export function paintLabels(palette: Palette, labels: Uint8Array): Uint8Array {
  const out = new Uint8Array(labels.length * 3);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l >= palette.size) throw new RangeError(`label ${l} is outside a palette of ${palette.size}`);
    out[i * 3] = palette.colors[l * 3];
    out[i * 3 + 1] = palette.colors[l * 3 + 1];
    out[i * 3 + 2] = palette.colors[l * 3 + 2];
  }
  return out;
}
