import { deflateSync, inflateSync } from "node:zlib";
import type { Rng } from "@colorize/core";
import { chunk } from "../testing/png-builder.js";
import { jpegSegments } from "./jpeg-segments.js";
import { fixCrc, pngChunks } from "./png-chunks.js";

/** What a mutation may draw on besides the bytes: precomputed zlib bombs. */
export interface MutationContext {
  readonly rng: Rng;
  readonly bombs: readonly Uint8Array[];
}

/** One way of damaging a file; returns new bytes (or the same, when it does not apply). */
export interface Mutation {
  readonly name: string;
  /** `any` applies to both formats. */
  readonly format: "png" | "jpeg" | "any";
  readonly apply: (bytes: Uint8Array, ctx: MutationContext) => Uint8Array;
}

/** Sizes a header might claim: boundaries, the pixel limit's neighbourhood and the formats' maxima. */
const SIDES = [
  0,
  1,
  2,
  5,
  6,
  255,
  256,
  4095,
  7071,
  7072,
  8192,
  65535,
  65536,
  1 << 24,
  0x7fffffff,
  0xffffffff,
];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)]!;
}

function splice(bytes: Uint8Array, start: number, end: number, insert: Uint8Array = new Uint8Array(0)) {
  const out = new Uint8Array(bytes.length - (end - start) + insert.length);
  out.set(bytes.subarray(0, start));
  out.set(insert, start);
  out.set(bytes.subarray(end), start + insert.length);
  return out;
}

/** A side for a header: from the list, or random within 16 bits. */
function side(rng: Rng, max: number): number {
  return Math.min(max, rng.next() < 0.6 ? pick(rng, SIDES) : rng.int(65536));
}

const generic: Mutation[] = [
  {
    name: "bit-flips",
    format: "any",
    apply: (b, { rng }) => {
      const out = b.slice();
      for (let n = 1 + rng.int(8); n > 0; n--) out[rng.int(out.length)]! ^= 1 << rng.int(8);
      return out;
    },
  },
  {
    name: "interesting-bytes",
    format: "any",
    apply: (b, { rng }) => {
      const out = b.slice();
      for (let n = 1 + rng.int(4); n > 0; n--)
        out[rng.int(out.length)] = pick(rng, [0, 1, 0x7f, 0x80, 0xfe, 0xff]);
      return out;
    },
  },
  { name: "truncate", format: "any", apply: (b, { rng }) => b.slice(0, rng.int(b.length)) },
  {
    name: "append-garbage",
    format: "any",
    apply: (b, { rng }) => {
      const tail = Uint8Array.from({ length: 1 + rng.int(64) }, () => rng.int(256));
      return splice(b, b.length, b.length, tail);
    },
  },
  {
    name: "cut-middle",
    format: "any",
    apply: (b, { rng }) => {
      const start = rng.int(b.length);
      return splice(b, start, Math.min(b.length, start + 1 + rng.int(64)));
    },
  },
];

/** [start, end) of each part of a file (PNG chunks, JPEG segments with their scans). */
type Parts = (bytes: Uint8Array) => [number, number][];

/** Removes one part. */
function dropPart(name: string, format: Mutation["format"], parts: Parts): Mutation {
  return {
    name,
    format,
    apply: (b, { rng }) => {
      const all = parts(b);
      if (all.length === 0) return b;
      const [start, end] = pick(rng, all);
      return splice(b, start, end);
    },
  };
}

/** Copies one part in front of another (or itself). */
function duplicatePart(name: string, format: Mutation["format"], parts: Parts): Mutation {
  return {
    name,
    format,
    apply: (b, { rng }) => {
      const all = parts(b);
      if (all.length === 0) return b;
      const [start, end] = pick(rng, all);
      const at = pick(rng, all)[0];
      return splice(b, at, at, b.slice(start, end));
    },
  };
}

/** Re-CRCs every chunk so that an edit inside one reaches the decoder instead of the CRC check. */
function recrc(bytes: Uint8Array): Uint8Array {
  for (const c of pngChunks(bytes)) fixCrc(bytes, c.start);
  return bytes;
}

const png: Mutation[] = [
  dropPart("chunk-drop", "png", (b) => pngChunks(b).map((c) => [c.start, c.end])),
  duplicatePart("chunk-duplicate", "png", (b) => pngChunks(b).map((c) => [c.start, c.end])),
  {
    name: "chunk-swap",
    format: "png",
    apply: (b, { rng }) => {
      const chunks = pngChunks(b);
      if (chunks.length < 2) return b;
      const i = rng.int(chunks.length - 1);
      const [x, y] = [chunks[i]!, chunks[i + 1]!];
      return splice(
        b,
        x.start,
        y.end,
        Uint8Array.from([...b.subarray(y.start, y.end), ...b.subarray(x.start, x.end)]),
      );
    },
  },
  {
    name: "chunk-length",
    format: "png",
    apply: (b, { rng }) => {
      const chunks = pngChunks(b);
      if (chunks.length === 0) return b;
      const out = b.slice();
      const c = pick(rng, chunks);
      const length = pick(rng, [
        0,
        1,
        c.length - 1,
        c.length + 1,
        0x7fffffff,
        0x80000000,
        0xffffffff,
        rng.int(1 << 20),
      ]);
      new DataView(out.buffer).setUint32(c.start, Math.max(0, length) >>> 0);
      return out;
    },
  },
  {
    name: "chunk-type",
    format: "png",
    apply: (b, { rng }) => {
      const chunks = pngChunks(b);
      if (chunks.length === 0) return b;
      const out = b.slice();
      const c = pick(rng, chunks);
      const type = pick(rng, [
        "IHDR",
        "PLTE",
        "tRNS",
        "IDAT",
        "IEND",
        "gAMA",
        "iCCP",
        "zTXt",
        "abcd",
        "ABCD",
      ]);
      for (let i = 0; i < 4; i++) out[c.start + 4 + i] = type.charCodeAt(i);
      return recrc(out);
    },
  },
  {
    name: "chunk-data",
    format: "png",
    apply: (b, { rng }) => {
      const chunks = pngChunks(b).filter((c) => c.length > 0);
      if (chunks.length === 0) return b;
      const out = b.slice();
      const c = pick(rng, chunks);
      for (let n = 1 + rng.int(4); n > 0; n--) out[c.data + rng.int(c.length)] = rng.int(256);
      return recrc(out);
    },
  },
  {
    name: "huge-size",
    format: "png",
    apply: (b, { rng }) => {
      if (b.length < 33) return b;
      const out = b.slice();
      const view = new DataView(out.buffer);
      if (rng.next() < 0.7) view.setUint32(16, side(rng, 0xffffffff) >>> 0);
      if (rng.next() < 0.7) view.setUint32(20, side(rng, 0xffffffff) >>> 0);
      return recrc(out);
    },
  },
  {
    name: "ihdr-fields",
    format: "png",
    apply: (b, { rng }) => {
      if (b.length < 33) return b;
      const out = b.slice();
      out[24 + rng.int(5)] = pick(rng, [0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 255, rng.int(256)]);
      return recrc(out);
    },
  },
  {
    name: "zlib-bomb",
    format: "png",
    apply: (b, { rng, bombs }) => {
      const chunks = pngChunks(b);
      const first = chunks.findIndex((c) => c.type === "IDAT");
      if (first < 0) return b;
      const idats = chunks.filter((c) => c.type === "IDAT");
      const last = idats.at(-1)!;
      return splice(b, chunks[first]!.start, last.end, chunk("IDAT", pick(rng, bombs)));
    },
  },
  {
    name: "idat-rewrite",
    format: "png",
    apply: (b, { rng }) => {
      // Damage the inflated rows (filter types, samples) and deflate them again: valid zlib, bad image.
      const idats = pngChunks(b).filter((c) => c.type === "IDAT");
      if (idats.length === 0) return b;
      let raw: Uint8Array;
      try {
        raw = inflateSync(Buffer.concat(idats.map((c) => b.subarray(c.data, c.data + c.length))));
      } catch {
        return b;
      }
      const rows = new Uint8Array(raw);
      for (let n = 1 + rng.int(6); n > 0; n--)
        rows[rng.int(rows.length)] = rng.next() < 0.5 ? rng.int(8) : rng.int(256);
      const cut = rng.next() < 0.25 ? rows.subarray(0, rng.int(rows.length)) : rows;
      return splice(b, idats[0]!.start, idats.at(-1)!.end, chunk("IDAT", deflateSync(cut)));
    },
  },
];

/** The body of the first segment with one of `markers`, or null. */
function segmentBody(b: Uint8Array, markers: readonly number[]) {
  const s = jpegSegments(b).find((x) => markers.includes(x.marker));
  return s ? { at: s.start + 4, end: s.end } : null;
}

const SOF = [0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf];

/** Sets random bytes of the first segment with one of `markers`. */
function segmentBytes(markers: readonly number[], values: (rng: Rng) => number) {
  return (b: Uint8Array, { rng }: MutationContext) => {
    const body = segmentBody(b, markers);
    if (!body || body.end <= body.at) return b;
    const out = b.slice();
    for (let n = 1 + rng.int(3); n > 0; n--) out[body.at + rng.int(body.end - body.at)] = values(rng);
    return out;
  };
}

const jpeg: Mutation[] = [
  dropPart("segment-drop", "jpeg", (b) => jpegSegments(b).map((x) => [x.start, x.dataEnd])),
  duplicatePart("segment-duplicate", "jpeg", (b) => jpegSegments(b).map((x) => [x.start, x.dataEnd])),
  {
    name: "segment-length",
    format: "jpeg",
    apply: (b, { rng }) => {
      const segs = jpegSegments(b).filter((s) => s.end - s.start > 2);
      if (segs.length === 0) return b;
      const s = pick(rng, segs);
      const out = b.slice();
      const length = pick(rng, [
        0,
        1,
        2,
        3,
        s.end - s.start - 3,
        s.end - s.start - 1,
        0xffff,
        rng.int(0x10000),
      ]);
      out[s.start + 2] = (length >> 8) & 0xff;
      out[s.start + 3] = length & 0xff;
      return out;
    },
  },
  {
    name: "marker-change",
    format: "jpeg",
    apply: (b, { rng }) => {
      const segs = jpegSegments(b);
      if (segs.length === 0) return b;
      const out = b.slice();
      out[pick(rng, segs).start + 1] = pick(rng, [
        ...SOF,
        0xc4,
        0xc8,
        0xcc,
        0xd0,
        0xd8,
        0xd9,
        0xda,
        0xdb,
        0xdd,
        0xe0,
        0xee,
        0xfe,
        0x00,
        0x01,
      ]);
      return out;
    },
  },
  {
    name: "huge-size",
    format: "jpeg",
    apply: (b, { rng }) => {
      const body = segmentBody(b, SOF);
      if (!body || body.end - body.at < 5) return b;
      const out = b.slice();
      const h = side(rng, 0xffff);
      const w = side(rng, 0xffff);
      out.set([h >> 8, h & 0xff, w >> 8, w & 0xff], body.at + 1);
      return out;
    },
  },
  {
    name: "frame-fields",
    format: "jpeg",
    apply: segmentBytes(SOF, (rng) => pick(rng, [0, 1, 2, 3, 4, 0x11, 0x22, 0x44, 0x55, 0xff, rng.int(256)])),
  },
  { name: "huffman-table", format: "jpeg", apply: segmentBytes([0xc4], (rng) => rng.int(256)) },
  {
    name: "quant-table",
    format: "jpeg",
    apply: segmentBytes([0xdb], (rng) => pick(rng, [0, 1, 0xff, rng.int(256)])),
  },
  {
    name: "scan-header",
    format: "jpeg",
    apply: segmentBytes([0xda], (rng) => pick(rng, [0, 1, 2, 3, 4, 0x10, 0x11, 63, 64, 0xff, rng.int(256)])),
  },
  {
    name: "scan-data",
    format: "jpeg",
    apply: (b, { rng }) => {
      const scans = jpegSegments(b).filter((s) => s.marker === 0xda && s.dataEnd > s.end);
      if (scans.length === 0) return b;
      const s = pick(rng, scans);
      const out = b.slice();
      for (let n = 1 + rng.int(6); n > 0; n--) {
        const at = s.end + rng.int(s.dataEnd - s.end);
        out[at] = rng.next() < 0.2 ? 0xff : out[at]! ^ (1 << rng.int(8));
      }
      return out;
    },
  },
  {
    name: "insert-markers",
    format: "jpeg",
    apply: (b, { rng }) => {
      const at = 2 + rng.int(Math.max(1, b.length - 2));
      const insert = pick(rng, [
        [0xff, 0xd0 + rng.int(8)],
        [0xff, 0xff, 0xff],
        [0xff, 0xd9],
        [0xff, 0xd8],
        [0xff, 0x00],
      ]);
      return splice(b, at, at, Uint8Array.from(insert));
    },
  },
];

/** Every mutation, in a fixed order (case generation indexes into it). */
export const MUTATIONS: readonly Mutation[] = [...generic, ...png, ...jpeg];

/** The mutations that apply to a format. */
export function mutationsFor(format: "png" | "jpeg"): Mutation[] {
  return MUTATIONS.filter((m) => m.format === "any" || m.format === format);
}
