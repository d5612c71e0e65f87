/**
 * A WebAssembly SIMD kernel that filters a leaf of the kd-tree four rows at a time.
 *
 * Memory layout (one linear memory, shared by threads; see {@link ScanLayout}): query slot s
 * starts at `s * slotBytes` with `dim` f32x4 vectors (each query value in all four lanes),
 * followed by room for `leafCap` i32 positions (the survivors). Rows live from `rowsBase` in
 * blocks of four, `dim` f32x4 vectors per block (lane l of vector j is value j of row 4b + l).
 * `scan(slot, from, to, threshold, position)` walks the blocks at byte offsets [from, to), whose
 * first row is `position`, writes the position of every row whose float32 squared distance is
 * <= threshold to the slot's survivor area and returns how many it wrote. Values are the rows'
 * exact integers (|v| <= 2^21 is exact in float32). Dropping a block of four early, once its
 * partial sums over the leading principal axes exceed the threshold, was measured and did not
 * pay (the branch is unpredictable), so every block is summed in full. The module is assembled
 * here, byte by byte, so no toolchain is needed.
 */

/** Query slots: the calling thread plus up to 15 workers. */
export const SLOTS = 16;

/** Most neighbours a slot has room for (larger k searches without the WebAssembly traversal). */
export const MAX_K = 256;

/**
 * Where things sit in the kernel's memory for rows of `dim` values and leaves of <= `leafCap`
 * rows. A slot holds, at these byte offsets from its start: the splatted float32 query (0), the
 * survivors (`survivors`), the query as float64 (`query`), rotated (`rotated`), the per-axis
 * offsets of the traversal (`offsets`), and the best distances and indices (`bestD`, `bestI`).
 * Everything after `rowsBase` is the tree (see kd-tree.ts).
 */
export interface ScanLayout {
  readonly dim: number;
  readonly leafCap: number;
  readonly slotBytes: number;
  readonly survivors: number;
  readonly query: number;
  readonly rotated: number;
  readonly offsets: number;
  readonly bestD: number;
  readonly bestI: number;
  readonly rowsBase: number;
}

/** The layout for rows of `dim` values and leaves of at most `leafCap` rows. */
export function scanLayout(dim: number, leafCap: number): ScanLayout {
  const cap = (leafCap + 3) & ~3;
  const survivors = blockBytes(dim);
  const query = (survivors + cap * 4 + 7) & ~7;
  const rotated = query + dim * 8;
  const offsets = rotated + dim * 8;
  const bestD = offsets + dim * 8;
  const bestI = bestD + MAX_K * 8;
  const slotBytes = (bestI + MAX_K * 4 + 15) & ~15;
  return {
    dim,
    leafCap: cap,
    slotBytes,
    survivors,
    query,
    rotated,
    offsets,
    bestD,
    bestI,
    rowsBase: SLOTS * slotBytes,
  };
}

/** Bytes of one query vector set or one row block for rows of `dim` values. */
export function blockBytes(dim: number): number {
  return dim * 16;
}

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
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

export function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

export function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

// Opcodes (core and the 0xfd SIMD prefix).
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;
const I32_ADD = 0x6a;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const I32_GE_U = 0x4f;
const I32_STORE = 0x36;
const IF = 0x04;
const BLOCK = 0x02;
const LOOP = 0x03;
const EMPTY = 0x40;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00];
const F32X4_SPLAT = [SIMD, 0x13];
const F32X4_LE = [SIMD, 0x45];
const I32X4_BITMASK = [SIMD, ...uleb(0xa4)];
const F32X4_ADD = [SIMD, ...uleb(0xe4)];
const F32X4_SUB = [SIMD, ...uleb(0xe5)];
const F32X4_MUL = [SIMD, ...uleb(0xe6)];

/** The scan function's code entry (locals and body) for rows of `dim` values. */
export function scanCode(dim: number): number[] {
  const stride = blockBytes(dim);
  // params: 0 slot, 1 from, 2 to, 3 threshold, 4 position;
  // locals: 5 count, 6 bits, 7 th, 8 t, 9 acc, 10.. q.
  const [SLOT, FROM, TO, THR, POS, COUNT, BITS, TH, T, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const Q0 = 10;
  const load = (offset: number) => [...V128_LOAD, 4, ...uleb(offset)];
  const body: number[] = [];
  body.push(...uleb(3), ...uleb(2), I32, ...uleb(3), V128, ...uleb(dim), V128);
  for (let j = 0; j < dim; j++) body.push(LOCAL_GET, SLOT, ...load(j * 16), LOCAL_SET, ...uleb(Q0 + j));
  body.push(LOCAL_GET, THR, ...F32X4_SPLAT, LOCAL_SET, TH);
  body.push(BLOCK, EMPTY, LOOP, EMPTY);
  body.push(LOCAL_GET, FROM, LOCAL_GET, TO, I32_GE_U, BR_IF, 1);
  // Squares summed pairwise, a tree of depth log2(dim) instead of a chain of dim - 1 dependent
  // additions; float32's error bound does not depend on the order.
  const square = (j: number) => [
    LOCAL_GET,
    ...uleb(Q0 + j),
    LOCAL_GET,
    FROM,
    ...load(j * 16),
    ...F32X4_SUB,
    LOCAL_TEE,
    T,
    LOCAL_GET,
    T,
    ...F32X4_MUL,
  ];
  const sum = (lo: number, hi: number): number[] =>
    hi - lo === 1 ? square(lo) : [...sum(lo, (lo + hi) >> 1), ...sum((lo + hi) >> 1, hi), ...F32X4_ADD];
  body.push(...sum(0, dim), LOCAL_SET, ACC);
  body.push(LOCAL_GET, ACC, LOCAL_GET, TH, ...F32X4_LE, ...I32X4_BITMASK, LOCAL_TEE, BITS);
  body.push(IF, EMPTY);
  for (let lane = 0; lane < 4; lane++) {
    // if (bits & (1 << lane)) { out[count] = position + lane; count++ }
    body.push(LOCAL_GET, BITS, I32_CONST, ...sleb(1 << lane), I32_AND, IF, EMPTY);
    body.push(LOCAL_GET, SLOT, LOCAL_GET, COUNT, I32_CONST, 2, I32_SHL, I32_ADD);
    body.push(LOCAL_GET, POS, I32_CONST, ...sleb(lane), I32_ADD);
    body.push(I32_STORE, 2, ...uleb(stride));
    body.push(LOCAL_GET, COUNT, I32_CONST, 1, I32_ADD, LOCAL_SET, COUNT);
    body.push(END);
  }
  body.push(END);
  body.push(LOCAL_GET, POS, I32_CONST, 4, I32_ADD, LOCAL_SET, POS);
  body.push(LOCAL_GET, FROM, I32_CONST, ...sleb(stride), I32_ADD, LOCAL_SET, FROM);
  body.push(BR, 0, END, END);
  body.push(LOCAL_GET, COUNT, END);
  return [...uleb(body.length), ...body];
}

/** The scan function's type: (slot, from, to, threshold, position) -> survivors. */
export const SCAN_TYPE = [0x60, 5, I32, I32, I32, F32, I32, 1, I32];

/** The import of the shared memory `env.memory` (limits flag 3: shared, with a maximum). */
export const MEMORY_IMPORT = [1, ...name("env"), ...name("memory"), 0x02, 0x03, ...uleb(1), ...uleb(65536)];

/** The module's bytes for rows of `dim` values (imports memory `env.memory`, shared). */
export function scanModuleBytes(dim: number): Uint8Array {
  const code = [...uleb(1), ...scanCode(dim)];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, ...SCAN_TYPE]),
    // import env.memory: shared, limits flag 3 (min and max), min 1 page, max 65536 pages.
    ...section(2, MEMORY_IMPORT),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name("scan"), 0x00, 0]),
    ...section(10, code),
  ];
  return Uint8Array.from(bytes);
}

/** The scan function: (slot byte offset, first block byte offset, end byte offset, threshold, first position) -> survivors. */
export type ScanFn = (slot: number, from: number, to: number, threshold: number, position: number) => number;

/** The slice of the WebAssembly global used here (its types come with the DOM library only). */
export interface WasmApi {
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

/** The WebAssembly global, where the runtime has one. */
export function wasmApi(): WasmApi | undefined {
  return wasm;
}

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

/** A shared memory of at least `bytes` bytes. */
export function sharedMemory(bytes: number): WasmMemory {
  if (!wasm) throw new Error("WebAssembly is not available");
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  return new wasm.Memory({ initial: pages, maximum: pages, shared: true });
}

/**
 * Smallest float32 threshold that keeps every row whose exact squared distance is <= `kth`.
 * Differences of exactly representable integers are exact in float32; squaring and summing
 * `dim` of them is within (dim + 1) 2^-24 of the exact sum, relatively, which 2^-14 covers for
 * dim <= 81 together with the rounding of the threshold itself.
 */
export function filterThreshold(kth: number): number {
  if (kth === Number.POSITIVE_INFINITY) return kth;
  return Math.fround(kth * (1 + 2 ** -14) + 1);
}
