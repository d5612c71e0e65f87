/** A marker segment of a JPEG file, located without validating it. */
export interface JpegSegment {
  /** Second byte of the marker (0xC0 SOF0, 0xDA SOS, 0xD9 EOI, ...). */
  readonly marker: number;
  /** Offset of the marker's 0xFF. */
  readonly start: number;
  /** Offset just past the segment (its length field counts itself); start + 2 for standalone markers. */
  readonly end: number;
  /** For SOS: offset just past the scan's entropy-coded data; otherwise `end`. */
  readonly dataEnd: number;
}

/**
 * Lists the segments of a JPEG after its SOI, up to and including EOI, stopping quietly at the first
 * byte that is not a marker or at a segment that runs past the end. For tests and the fuzzer.
 */
export function jpegSegments(bytes: Uint8Array): JpegSegment[] {
  const out: JpegSegment[] = [];
  let i = 2;
  while (i + 1 < bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      out.push({ marker, start: i, end: i + 2, dataEnd: i + 2 });
      if (marker === 0xd9) break;
      i += 2;
      continue;
    }
    if (i + 4 > bytes.length) break;
    const end = i + 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
    if (end > bytes.length) break;
    let dataEnd = end;
    if (marker === 0xda) {
      while (dataEnd + 1 < bytes.length) {
        const next = bytes[dataEnd + 1]!;
        if (bytes[dataEnd] === 0xff && next !== 0 && next !== 0xff && (next < 0xd0 || next > 0xd7)) break;
        dataEnd++;
      }
    }
    out.push({ marker, start: i, end, dataEnd });
    i = dataEnd;
  }
  return out;
}
