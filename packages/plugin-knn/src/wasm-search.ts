import {
  blockBytes,
  MEMORY_IMPORT,
  name,
  SCAN_TYPE,
  type ScanLayout,
  scanCode,
  section,
  sleb,
  uleb,
  type WasmMemory,
  type WasmModule,
  wasmApi,
} from "./wasm-scan.js";

/**
 * The kd-tree search of kd-search.ts, assembled as one WebAssembly module: the traversal
 * (nearer child first, O(1) bound per level), each leaf's box test, the SIMD filter of
 * wasm-scan.ts, the exact float64 distance of every survivor, and the sorted best list with
 * collapsed groups expanded in ascending member order. It is the same algorithm, statement for
 * statement, as the JavaScript searcher, which stays as the readable reference and the fallback.
 *
 * Per thread state lives in the instance's globals and the thread's slot (see ScanLayout); the
 * tree lives in the shared memory at the addresses handed to `setup`.
 */

const I32 = 0x7f;
const F64 = 0x7c;
const GET = 0x20;
const SET = 0x21;
const TEE = 0x22;
const GGET = 0x23;
const GSET = 0x24;
const CALL = 0x10;
const RETURN = 0x0f;
const IF = 0x04;
const ELSE = 0x05;
const END = 0x0b;
const BLOCK = 0x02;
const LOOP = 0x03;
const EMPTY = 0x40;
const BR = 0x0c;
const BR_IF = 0x0d;
const I32_LOAD = 0x28;
const F32_LOAD = 0x2a;
const F64_LOAD = 0x2b;
const I32_STORE = 0x36;
const F64_STORE = 0x39;
const I32_EQZ = 0x45;
const I32_EQ = 0x46;
const I32_LT_S = 0x48;
const I32_GT_S = 0x4a;
const I32_LE_S = 0x4c;
const I32_GE_S = 0x4e;
const F64_EQ = 0x61;
const F64_GT = 0x64;
const F64_LE = 0x65;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_AND = 0x71;
const I32_OR = 0x72;
const I32_SHL = 0x74;
const I32_SHR_U = 0x76;
const F64_ADD = 0xa0;
const F64_SUB = 0xa1;
const F64_MUL = 0xa2;
const F64_MAX = 0xa5;
const F32_DEMOTE = 0xb6;
const F64_PROMOTE = 0xbb;

const i32c = (n: number) => [0x41, ...sleb(n)];
const f64c = (x: number) => [0x44, ...new Uint8Array(new Float64Array([x]).buffer)];
const get = (i: number) => [GET, ...uleb(i)];
const set = (i: number) => [SET, ...uleb(i)];
const tee = (i: number) => [TEE, ...uleb(i)];
const gget = (i: number) => [GGET, ...uleb(i)];
const gset = (i: number) => [GSET, ...uleb(i)];
const call = (f: number) => [CALL, ...uleb(f)];
const i32load = (offset = 0) => [I32_LOAD, 2, ...uleb(offset)];
const f32load = (offset = 0) => [F32_LOAD, 2, ...uleb(offset)];
const f64load = (offset = 0) => [F64_LOAD, 3, ...uleb(offset)];
const i32store = (offset = 0) => [I32_STORE, 2, ...uleb(offset)];
const f64store = (offset = 0) => [F64_STORE, 3, ...uleb(offset)];
/** Address `base + index * 2^shift` from two i32 expressions. */
const addr = (base: number[], index: number[], shift: number) => [
  ...base,
  ...index,
  ...i32c(shift),
  I32_SHL,
  I32_ADD,
];
/** max(lo - v, v - hi, 0): distance from v to [lo, hi], from three f64 expressions. */
const gap = (lo: number[], v: number[], hi: number[]) => [
  ...lo,
  ...v,
  F64_SUB,
  ...v,
  ...hi,
  F64_SUB,
  F64_MAX,
  ...f64c(0),
  F64_MAX,
];
const locals = (groups: [number, number][]) => [
  ...uleb(groups.length),
  ...groups.flatMap(([n, t]) => [...uleb(n), t]),
];
const fn = (body: number[]) => [...uleb(body.length), ...body];

// Globals: per-instance state and the tree's addresses.
const G_KTH = 0;
const G_FILLED = 1;
const G_SLOT = 2;
const G_LEFT = 3;
const G_RIGHT = 4;
const G_AXIS = 5;
const G_BEGIN = 6;
const G_END = 7;
const G_BOXLO = 8;
const G_BOXHI = 9;
const G_GROUP = 10;
const G_START = 11;
const G_MEMBERS = 12;
const G_ROWS = 13;
const G_K = 14;
const SETUP_PARAMS = 12;

// Function indices.
const F_SCAN = 0;
const F_INSERT = 1;
const F_LEAF = 2;
const F_VISIT = 3;
const F_SEARCH = 4;
const F_SETUP = 5;

/** Pruning slack in squared-distance units (see PRUNE_SLACK in kd-search.ts). */
const SLACK = 0.5;

function insertCode(layout: ScanLayout): number[] {
  // params 0 d f64, 1 idx i32; locals 2 p, 3 bd, 4 bi, 5 k (i32), 6 t (f64)
  const [D, IDX, P, BD, BI, K, T] = [0, 1, 2, 3, 4, 5, 6];
  const b: number[] = [];
  b.push(...gget(G_SLOT), ...i32c(layout.bestD), I32_ADD, ...set(BD));
  b.push(...gget(G_SLOT), ...i32c(layout.bestI), I32_ADD, ...set(BI));
  b.push(...gget(G_K), ...set(K));
  b.push(...gget(G_FILLED), ...get(K), I32_LT_S, IF, EMPTY);
  b.push(...gget(G_FILLED), ...set(P), ...gget(G_FILLED), ...i32c(1), I32_ADD, ...gset(G_FILLED));
  b.push(ELSE);
  b.push(...addr(get(BD), [...get(K), ...i32c(1), I32_SUB], 3), ...f64load(), ...set(T));
  b.push(...get(D), ...get(T), F64_GT, IF, EMPTY, ...i32c(0), RETURN, END);
  b.push(
    ...get(D),
    ...get(T),
    F64_EQ,
    ...get(IDX),
    ...addr(get(BI), [...get(K), ...i32c(1), I32_SUB], 2),
    ...i32load(),
  );
  b.push(I32_GT_S, I32_AND, IF, EMPTY, ...i32c(0), RETURN, END);
  b.push(...get(K), ...i32c(1), I32_SUB, ...set(P));
  b.push(END);
  // Shift larger (distance, index) pairs up one place.
  b.push(BLOCK, EMPTY, LOOP, EMPTY);
  b.push(...get(P), ...i32c(0), I32_LE_S, BR_IF, 1);
  b.push(...addr(get(BD), [...get(P), ...i32c(1), I32_SUB], 3), ...f64load(), ...tee(T), ...get(D), F64_GT);
  b.push(
    ...get(T),
    ...get(D),
    F64_EQ,
    ...addr(get(BI), [...get(P), ...i32c(1), I32_SUB], 2),
    ...i32load(),
    ...get(IDX),
    I32_GT_S,
    I32_AND,
  );
  b.push(I32_OR, I32_EQZ, BR_IF, 1);
  b.push(...addr(get(BD), get(P), 3), ...get(T), ...f64store());
  b.push(
    ...addr(get(BI), get(P), 2),
    ...addr(get(BI), [...get(P), ...i32c(1), I32_SUB], 2),
    ...i32load(),
    ...i32store(),
  );
  b.push(...get(P), ...i32c(1), I32_SUB, ...set(P));
  b.push(BR, 0, END, END);
  b.push(...addr(get(BD), get(P), 3), ...get(D), ...f64store());
  b.push(...addr(get(BI), get(P), 2), ...get(IDX), ...i32store());
  b.push(...gget(G_FILLED), ...get(K), I32_EQ, IF, EMPTY);
  b.push(...addr(get(BD), [...get(K), ...i32c(1), I32_SUB], 3), ...f64load(), ...gset(G_KTH));
  b.push(END);
  b.push(...i32c(1), END);
  return fn([
    ...locals([
      [4, I32],
      [1, F64],
    ]),
    ...b,
  ]);
}

function leafCode(layout: ScanLayout): number[] {
  const dim = layout.dim;
  const stride = blockBytes(dim);
  // param 0 node; locals 1 lb, 2 v, 3 d, 4 t (f64); 5 from, 6 to, 7 n, 8 i, 9 p, 10 o, 11 m, 12 e, 13 bo, 14 g (i32)
  const [NODE, LB, V, D, T, FROM, TO, N, I, P, O, M, E, BO, G] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
  ];
  const b: number[] = [];
  b.push(...get(NODE), ...i32c(dim * 8), I32_MUL, ...set(BO));
  b.push(...f64c(0), ...set(LB));
  for (let j = 0; j < dim; j++) {
    b.push(...gget(G_SLOT), ...f64load(layout.rotated + j * 8), ...set(V));
    const lo = [...gget(G_BOXLO), ...get(BO), I32_ADD, ...f64load(j * 8)];
    const hi = [...gget(G_BOXHI), ...get(BO), I32_ADD, ...f64load(j * 8)];
    b.push(...gap(lo, get(V), hi), ...tee(T), ...get(T), F64_MUL, ...get(LB), F64_ADD, ...set(LB));
  }
  b.push(...get(LB), ...gget(G_KTH), ...f64c(SLACK), F64_ADD, F64_GT, IF, EMPTY, RETURN, END);
  b.push(...addr(gget(G_BEGIN), get(NODE), 2), ...i32load(), ...set(FROM));
  b.push(...addr(gget(G_END), get(NODE), 2), ...i32load(), ...set(TO));
  // The float32 threshold: kth (1 + 2^-14) + 1, as in filterThreshold (infinity stays infinity).
  b.push(...gget(G_SLOT));
  b.push(...gget(G_ROWS), ...get(FROM), ...i32c(2), I32_SHR_U, ...i32c(stride), I32_MUL, I32_ADD);
  b.push(
    ...gget(G_ROWS),
    ...get(TO),
    ...i32c(3),
    I32_ADD,
    ...i32c(2),
    I32_SHR_U,
    ...i32c(stride),
    I32_MUL,
    I32_ADD,
  );
  b.push(...gget(G_KTH), ...f64c(1 + 2 ** -14), F64_MUL, ...f64c(1), F64_ADD, F32_DEMOTE);
  b.push(...get(FROM), ...call(F_SCAN), ...set(N));
  b.push(...i32c(0), ...set(I));
  b.push(BLOCK, EMPTY, LOOP, EMPTY);
  b.push(...get(I), ...get(N), I32_GE_S, BR_IF, 1);
  b.push(...addr(gget(G_SLOT), get(I), 2), ...i32load(layout.survivors), ...set(P));
  // o = rows + (p >> 2) * stride + (p & 3) * 4: value 0 of row p; value j is 16 j further.
  b.push(...gget(G_ROWS), ...get(P), ...i32c(2), I32_SHR_U, ...i32c(stride), I32_MUL, I32_ADD);
  b.push(...get(P), ...i32c(3), I32_AND, ...i32c(2), I32_SHL, I32_ADD, ...set(O));
  b.push(...f64c(0), ...set(D));
  for (let j = 0; j < dim; j++) {
    b.push(
      ...gget(G_SLOT),
      ...f64load(layout.query + j * 8),
      ...get(O),
      ...f32load(j * 16),
      F64_PROMOTE,
      F64_SUB,
    );
    b.push(...tee(T), ...get(T), F64_MUL, ...get(D), F64_ADD, ...set(D));
  }
  b.push(...get(D), ...gget(G_KTH), F64_LE, IF, EMPTY);
  b.push(...addr(gget(G_GROUP), get(P), 2), ...i32load(), ...set(G));
  b.push(...addr(gget(G_START), get(G), 2), ...i32load(), ...set(M));
  b.push(...addr(gget(G_START), get(G), 2), ...i32load(4), ...set(E));
  b.push(BLOCK, EMPTY, LOOP, EMPTY);
  b.push(...get(M), ...get(E), I32_GE_S, BR_IF, 1);
  b.push(...get(D), ...addr(gget(G_MEMBERS), get(M), 2), ...i32load(), ...call(F_INSERT), I32_EQZ, BR_IF, 1);
  b.push(...get(M), ...i32c(1), I32_ADD, ...set(M), BR, 0, END, END);
  b.push(END);
  b.push(...get(I), ...i32c(1), I32_ADD, ...set(I), BR, 0, END, END);
  b.push(END);
  return fn([
    ...locals([
      [4, F64],
      [10, I32],
    ]),
    ...b,
  ]);
}

function visitCode(layout: ScanLayout): number[] {
  const dim = layout.dim;
  // params 0 node, 1 bound; locals 2 l, 3 r, 4 a, 5 offp (i32); 6 v, 7 old, 8 base, 9 gl, 10 gr, 11 bl, 12 br (f64)
  const [NODE, BOUND, L, R, A, OFFP, V, OLD, BASE, GL, GR, BL, BRB] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
  ];
  const b: number[] = [];
  b.push(...addr(gget(G_LEFT), get(NODE), 2), ...i32load(), ...tee(L), ...i32c(0), I32_LT_S, IF, EMPTY);
  b.push(...get(NODE), ...call(F_LEAF), RETURN, END);
  b.push(...addr(gget(G_RIGHT), get(NODE), 2), ...i32load(), ...set(R));
  b.push(...addr(gget(G_AXIS), get(NODE), 2), ...i32load(), ...set(A));
  b.push(...addr(gget(G_SLOT), get(A), 3), ...f64load(layout.rotated), ...set(V));
  b.push(...addr(gget(G_SLOT), get(A), 3), ...i32c(layout.offsets), I32_ADD, ...set(OFFP));
  b.push(...get(OFFP), ...f64load(), ...set(OLD));
  b.push(...get(BOUND), ...get(OLD), ...get(OLD), F64_MUL, F64_SUB, ...set(BASE));
  const boxAt = (g: number, child: number) => [
    ...gget(g),
    ...get(child),
    ...i32c(dim),
    I32_MUL,
    ...get(A),
    I32_ADD,
    ...i32c(3),
    I32_SHL,
    I32_ADD,
    ...f64load(),
  ];
  b.push(...gap(boxAt(G_BOXLO, L), get(V), boxAt(G_BOXHI, L)), ...set(GL));
  b.push(...gap(boxAt(G_BOXLO, R), get(V), boxAt(G_BOXHI, R)), ...set(GR));
  b.push(...get(BASE), ...get(GL), ...get(GL), F64_MUL, F64_ADD, ...set(BL));
  b.push(...get(BASE), ...get(GR), ...get(GR), F64_MUL, F64_ADD, ...set(BRB));
  const tryChild = (bound: number, g: number, child: number) => [
    ...get(bound),
    ...gget(G_KTH),
    ...f64c(SLACK),
    F64_ADD,
    F64_LE,
    IF,
    EMPTY,
    ...get(OFFP),
    ...get(g),
    ...f64store(),
    ...get(child),
    ...get(bound),
    ...call(F_VISIT),
    END,
  ];
  b.push(...get(BL), ...get(BRB), F64_LE, IF, EMPTY);
  b.push(...tryChild(BL, GL, L), ...tryChild(BRB, GR, R));
  b.push(ELSE);
  b.push(...tryChild(BRB, GR, R), ...tryChild(BL, GL, L));
  b.push(END);
  b.push(...get(OFFP), ...get(OLD), ...f64store(), END);
  return fn([
    ...locals([
      [4, I32],
      [7, F64],
    ]),
    ...b,
  ]);
}

function searchCode(layout: ScanLayout): number[] {
  const dim = layout.dim;
  // param 0 slot; locals 1 bound, 2 v, 3 o (f64)
  const [SLOT, BOUND, V, O] = [0, 1, 2, 3];
  const b: number[] = [];
  b.push(
    ...get(SLOT),
    ...gset(G_SLOT),
    ...i32c(0),
    ...gset(G_FILLED),
    ...f64c(Number.POSITIVE_INFINITY),
    ...gset(G_KTH),
  );
  b.push(...f64c(0), ...set(BOUND));
  for (let j = 0; j < dim; j++) {
    b.push(...get(SLOT), ...f64load(layout.rotated + j * 8), ...set(V));
    b.push(
      ...gap([...gget(G_BOXLO), ...f64load(j * 8)], get(V), [...gget(G_BOXHI), ...f64load(j * 8)]),
      ...set(O),
    );
    b.push(...get(SLOT), ...get(O), ...f64store(layout.offsets + j * 8));
    b.push(...get(O), ...get(O), F64_MUL, ...get(BOUND), F64_ADD, ...set(BOUND));
  }
  b.push(...i32c(0), ...get(BOUND), ...call(F_VISIT), END);
  return fn([...locals([[3, F64]]), ...b]);
}

function setupCode(): number[] {
  const b: number[] = [];
  for (let i = 0; i < SETUP_PARAMS; i++) b.push(...get(i), ...gset(G_LEFT + i));
  b.push(END);
  return fn([...locals([]), ...b]);
}

/** The module's bytes for a layout (rows of `layout.dim` values, leaves of <= `layout.leafCap`). */
export function searchModuleBytes(layout: ScanLayout): Uint8Array {
  const types = [
    5,
    ...SCAN_TYPE,
    ...[0x60, 2, F64, I32, 1, I32], // insert
    ...[0x60, 1, I32, 0], // leaf, search
    ...[0x60, 2, I32, F64, 0], // visit
    ...[0x60, SETUP_PARAMS, ...new Array(SETUP_PARAMS).fill(I32), 0], // setup
  ];
  const functions = [6, 0, 1, 2, 3, 2, 4];
  const globals = [
    15,
    ...[F64, 1, ...f64c(0), END],
    ...Array.from({ length: 14 }, () => [I32, 1, ...i32c(0), END]).flat(),
  ];
  const exports = [
    3,
    ...name("scan"),
    0,
    F_SCAN,
    ...name("search"),
    0,
    F_SEARCH,
    ...name("setup"),
    0,
    F_SETUP,
  ];
  const code = [
    6,
    ...scanCode(layout.dim),
    ...insertCode(layout),
    ...leafCode(layout),
    ...visitCode(layout),
    ...searchCode(layout),
    ...setupCode(),
  ];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, types),
    ...section(2, MEMORY_IMPORT),
    ...section(3, functions),
    ...section(6, globals),
    ...section(7, exports),
    ...section(10, code),
  ];
  return Uint8Array.from(bytes);
}

/** The exported functions of an instance. */
export interface SearchKernel {
  /** Sets the tree's byte addresses and k for this instance. */
  setup(...addresses: number[]): void;
  /** Searches the query held in a slot (float64, rotated and splatted forms filled in). */
  search(slot: number): void;
}

const cache = new Map<string, WasmModule | null>();

/** The compiled module for a layout, or null where WebAssembly SIMD or shared memory is missing. */
export function searchModule(layout: ScanLayout): WasmModule | null {
  const key = `${layout.dim}:${layout.leafCap}`;
  let m = cache.get(key);
  if (m === undefined) {
    const api = wasmApi();
    try {
      const bytes = searchModuleBytes(layout);
      m = api?.validate(bytes) ? new api.Module(bytes) : null;
    } catch {
      m = null;
    }
    cache.set(key, m);
  }
  return m;
}

/** Instantiates the search over `memory`. */
export function searchKernel(module: WasmModule, memory: WasmMemory): SearchKernel {
  const api = wasmApi();
  if (!api) throw new Error("WebAssembly is not available");
  const instance = new api.Instance(module, { env: { memory } });
  return instance.exports as unknown as SearchKernel;
}
