/**
 * A WebAssembly SIMD kernel that filters a leaf of the kd-tree four rows at a time.
 *
 * Memory layout (one linear memory, shared by threads): query slot s holds `dim` f32x4 vectors
 * (each query value repeated in four lanes) at `s * slotBytes`; rows live from {@link ROWS_BASE}
 * in blocks of four, `dim` f32x4 vectors per block (lane l of vector j is value j of row
 * 4b + l). `scan(query, from, to, threshold)` walks blocks at byte offsets [from, to) and returns
 * a bit mask, bit i set when row i of the range has a float32 squared distance <= threshold.
 * A range holds at most 32 rows (8 blocks). The module is assembled here, byte by byte, so no
 * toolchain is needed.
 */

/** Byte offset of the first row block; below it sit the per-thread query slots. */
export const ROWS_BASE = 65536;

/** Bytes of one query slot or one row block for rows of `dim` values. */
export function blockBytes(dim: number): number {
  return dim * 16;
}

/** Most query slots (threads) the layout leaves room for. */
export function maxSlots(dim: number): number {
  return Math.floor(ROWS_BASE / blockBytes(dim));
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

// Opcodes (core and the 0xfd SIMD prefix).
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00];
const F32X4_SPLAT = [SIMD, 0x13];
const F32X4_LE = [SIMD, 0x45];
const I32X4_BITMASK = [SIMD, ...uleb(0xa4)];
const F32X4_ADD = [SIMD, ...uleb(0xe4)];
const F32X4_SUB = [SIMD, ...uleb(0xe5)];
const F32X4_MUL = [SIMD, ...uleb(0xe6)];

/** The module's bytes for rows of `dim` values (imports memory `env.memory`, shared). */
export function scanModuleBytes(dim: number): Uint8Array {
  const stride = blockBytes(dim);
  // params: 0 query, 1 from, 2 to, 3 threshold; locals: 4 mask, 5 shift, 6 th, 7 t, 8.. q vectors.
  const [QUERY, FROM, TO, THR, MASK, SHIFT, TH, T] = [0, 1, 2, 3, 4, 5, 6, 7];
  const Q0 = 8;
  const load = (offset: number) => [...V128_LOAD, 4, ...uleb(offset)];
  const body: number[] = [];
  body.push(...uleb(3), ...uleb(2), I32, ...uleb(2), V128, ...uleb(dim), V128);
  for (let j = 0; j < dim; j++) body.push(LOCAL_GET, QUERY, ...load(j * 16), LOCAL_SET, ...uleb(Q0 + j));
  body.push(LOCAL_GET, THR, ...F32X4_SPLAT, LOCAL_SET, TH);
  body.push(0x02, 0x40, 0x03, 0x40); // block, loop
  body.push(LOCAL_GET, FROM, LOCAL_GET, TO, 0x4f, 0x0d, 1); // i32.ge_u; br_if 1 (out of the block)
  for (let j = 0; j < dim; j++) {
    body.push(LOCAL_GET, ...uleb(Q0 + j), LOCAL_GET, FROM, ...load(j * 16), ...F32X4_SUB);
    body.push(LOCAL_TEE, T, LOCAL_GET, T, ...F32X4_MUL);
    if (j > 0) body.push(...F32X4_ADD);
  }
  body.push(LOCAL_GET, TH, ...F32X4_LE, ...I32X4_BITMASK);
  body.push(LOCAL_GET, SHIFT, 0x74, LOCAL_GET, MASK, 0x72, LOCAL_SET, MASK); // i32.shl, i32.or
  body.push(LOCAL_GET, SHIFT, 0x41, ...sleb(4), 0x6a, LOCAL_SET, SHIFT); // shift += 4
  body.push(LOCAL_GET, FROM, 0x41, ...sleb(stride), 0x6a, LOCAL_SET, FROM); // from += stride
  body.push(0x0c, 0, 0x0b, 0x0b); // br 0 (loop); end loop; end block
  body.push(LOCAL_GET, MASK, 0x0b);
  const code = [...uleb(1), ...uleb(body.length), ...body];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 4, I32, I32, I32, F32, 1, I32]),
    // import env.memory: shared, limits flag 3 (min and max), min 1 page, max 65536 pages.
    ...section(2, [1, ...name("env"), ...name("memory"), 0x02, 0x03, ...uleb(1), ...uleb(65536)]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name("scan"), 0x00, 0]),
    ...section(10, code),
  ];
  return Uint8Array.from(bytes);
}

/** The scan function: (query byte offset, first block byte offset, end byte offset, threshold) -> mask. */
export type ScanFn = (query: number, from: number, to: number, threshold: number) => number;

/** The slice of the WebAssembly global used here (its types come with the DOM library only). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

/** A compiled module (opaque). */
export type WasmModule = object & { readonly __wasmModule?: never };

/** A shared linear memory. */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
}

const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

const modules = new Map<number, WasmModule | null>();

/** The compiled module for `dim`, or null where WebAssembly SIMD or shared memory is missing. */
export function scanModule(dim: number): WasmModule | null {
  let m = modules.get(dim);
  if (m === undefined) {
    try {
      const bytes = scanModuleBytes(dim);
      m = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      m = null;
    }
    modules.set(dim, m);
  }
  return m;
}

/** Instantiates the scan kernel over `memory` (synchronously; the module is tiny). */
export function scanKernel(module: WasmModule, memory: WasmMemory): ScanFn {
  if (!wasm) throw new Error("WebAssembly is not available");
  const instance = new wasm.Instance(module, { env: { memory } });
  return instance.exports.scan as ScanFn;
}

/** A shared memory big enough for `slots` query slots and `blocks` row blocks. */
export function scanMemory(dim: number, blocks: number): WasmMemory {
  if (!wasm) throw new Error("WebAssembly is not available");
  const bytes = ROWS_BASE + blocks * blockBytes(dim);
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  return new wasm.Memory({ initial: pages, maximum: pages, shared: true });
}

/**
 * Smallest float32 threshold that keeps every row whose exact squared distance is <= `kth`.
 * A float32 sum of `dim` rounded squares of exactly representable differences is within
 * (dim + 1) 2^-24 of the exact sum, relatively; 2^-14 covers dim <= 81 with room for rounding
 * the threshold itself.
 */
export function filterThreshold(kth: number): number {
  if (kth === Number.POSITIVE_INFINITY) return kth;
  return Math.fround(kth * (1 + 2 ** -14) + 1);
}
