import type { RunContext } from "../agent.js";
import type { TestSet, TrainSet } from "../task.js";

/**
 * Everything an agent is handed in one run: the training set given to `fit`, the test set given
 * to `predict`, and the data of the context (its seed, the generator's state, the backend asked
 * for). Functions of the context (the progress listener) are left out: they are the kit's own.
 */
export function receivedBy(train: TrainSet, test: TestSet, ctx: RunContext): Record<string, unknown> {
  return {
    train,
    test,
    context: { seed: ctx.seed, rng: ctx.rng.state(), backend: ctx.backend, aborted: ctx.signal?.aborted },
  };
}

function bytesOf(buffer: ArrayBufferLike): Uint8Array {
  return new Uint8Array(buffer);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  if (v instanceof ArrayBuffer) return "ArrayBuffer";
  if (typeof SharedArrayBuffer !== "undefined" && v instanceof SharedArrayBuffer) return "SharedArrayBuffer";
  return typeof v;
}

function ownValue(o: object, key: string | symbol): unknown {
  const d = Object.getOwnPropertyDescriptor(o, key);
  if (!d) return undefined;
  return "value" in d ? d.value : d.get?.call(o);
}

function label(path: string, key: string | symbol): string {
  return typeof key === "symbol" ? `${path}[${String(key)}]` : `${path}.${key}`;
}

/**
 * The path of the first place where two values differ, or `undefined` when everything reachable
 * from them is the same: every own property (enumerable or not, symbols too, getters read), in
 * the same order; a typed array by its type, offset, length and ALL the bytes of the buffer behind
 * it, not only the part it views, since an agent can read the whole buffer; functions by their
 * source. Cycles are followed once.
 */
export function firstDifference(
  a: unknown,
  b: unknown,
  path = "",
  seen = new WeakMap<object, object>(),
): string | undefined {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return `${path} (${ka} against ${kindOf(b)})`;
  if (a === null || (typeof a !== "object" && typeof a !== "function")) {
    return Object.is(a, b) ? undefined : path;
  }
  if (typeof a === "function") return String(a) === String(b) ? undefined : path;
  const oa = a as object;
  const ob = b as object;
  if (seen.get(oa) === ob) return undefined;
  seen.set(oa, ob);
  if (ArrayBuffer.isView(oa)) {
    const vb = ob as ArrayBufferView;
    if (oa.byteOffset !== vb.byteOffset || oa.byteLength !== vb.byteLength) return `${path} (its view)`;
    return sameBytes(bytesOf(oa.buffer), bytesOf(vb.buffer)) ? undefined : `${path}.buffer`;
  }
  if (ka === "ArrayBuffer" || ka === "SharedArrayBuffer") {
    return sameBytes(bytesOf(oa as ArrayBufferLike), bytesOf(ob as ArrayBufferLike)) ? undefined : path;
  }
  if (Object.getPrototypeOf(oa) !== Object.getPrototypeOf(ob)) return `${path} (its prototype)`;
  if (oa instanceof Map || oa instanceof Set) {
    const ea = [...oa.entries()];
    const eb = [...(ob as Map<unknown, unknown>).entries()];
    if (ea.length !== eb.length) return `${path} (its size)`;
    for (let i = 0; i < ea.length; i++) {
      const d = firstDifference(ea[i], eb[i], `${path}[entry ${i}]`, seen);
      if (d !== undefined) return d;
    }
  }
  const keysA = Reflect.ownKeys(oa);
  const keysB = Reflect.ownKeys(ob);
  for (let i = 0; i < Math.max(keysA.length, keysB.length); i++) {
    if (keysA[i] !== keysB[i]) return label(path, keysA[i] ?? keysB[i]);
  }
  for (const key of keysA) {
    const d = firstDifference(ownValue(oa, key), ownValue(ob, key), label(path, key), seen);
    if (d !== undefined) return d;
  }
  return undefined;
}
