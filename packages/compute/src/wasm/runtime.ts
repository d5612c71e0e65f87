/**
 * The slice of the WebAssembly global our kernels use (its types come with the DOM library
 * only), one cache of compiled modules for every kernel, and shared memories.
 */

/** The WebAssembly global, as used here. */
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

const modules = new Map<string, WasmModule | null>();

/**
 * The compiled module for `key`, assembled by `bytes()` the first time the key is asked for; null
 * where the runtime lacks WebAssembly or rejects the module (no SIMD, no shared memory). The key
 * must name everything the bytes depend on: a kernel's name and its layout, for instance.
 */
export function compiledModule(key: string, bytes: () => Uint8Array): WasmModule | null {
  let m = modules.get(key);
  if (m === undefined) {
    try {
      const b = bytes();
      m = wasm?.validate(b) ? new wasm.Module(b) : null;
    } catch {
      m = null;
    }
    modules.set(key, m);
  }
  return m;
}

/** Largest memory a 32-bit WebAssembly module can address, in 64 KiB pages. */
export const MAX_PAGES = 65536;

/** A shared memory of at least `bytes` bytes (whole 64 KiB pages, fixed size). */
export function sharedMemory(bytes: number): WasmMemory {
  if (!wasm) throw new Error("WebAssembly is not available");
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  return new wasm.Memory({ initial: pages, maximum: pages, shared: true });
}
