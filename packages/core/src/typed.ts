/** A typed array in a JSON-friendly form: element type and base64 of its little-endian bytes. */
export interface EncodedArray {
  readonly dtype: "uint8" | "int32" | "float32" | "float64";
  readonly length: number;
  readonly base64: string;
}

type Typed = Uint8Array | Int32Array | Float32Array | Float64Array;

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INV = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_INV[B64.charCodeAt(i)] = i;

function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    chunk += i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=";
    chunk += i + 2 < bytes.length ? B64[n & 63] : "=";
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = "";
    }
  }
  parts.push(chunk);
  return parts.join("");
}

function base64ToBytes(s: string): Uint8Array {
  if (s.length % 4 !== 0) throw new RangeError("base64 length must be a multiple of 4");
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const v = [0, 1, 2, 3].map((j) => (s[i + j] === "=" ? 0 : (B64_INV[s.charCodeAt(i + j)] ?? -1)));
    if (v.some((x) => x < 0)) throw new RangeError("invalid base64");
    const n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Encodes a typed array for a snapshot (bytes are little-endian). */
export function encodeArray(a: Typed): EncodedArray {
  if (!LITTLE) throw new Error("snapshots need a little-endian platform");
  const dtype =
    a instanceof Uint8Array
      ? "uint8"
      : a instanceof Int32Array
        ? "int32"
        : a instanceof Float32Array
          ? "float32"
          : "float64";
  return {
    dtype,
    length: a.length,
    base64: bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)),
  };
}

/** Decodes {@link encodeArray}'s output; throws on a malformed value. */
export function decodeArray(e: EncodedArray): Typed {
  const bytes = base64ToBytes(e.base64);
  const Ctor = { uint8: Uint8Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[
    e.dtype
  ];
  if (!Ctor) throw new RangeError(`unknown dtype ${String(e.dtype)}`);
  if (bytes.length !== e.length * Ctor.BYTES_PER_ELEMENT)
    throw new RangeError("encoded array has the wrong length");
  const buf = new ArrayBuffer(bytes.length);
  new Uint8Array(buf).set(bytes);
  return new Ctor(buf);
}
