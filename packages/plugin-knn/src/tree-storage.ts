import { wasm } from "@colorize/compute";
import type { KernelLayout, TreeRegion } from "./kernel-abi.js";
import { kernelLayout, type TreeSizes } from "./kernel-memory.js";
import type { TreeKernels } from "./wasm-kernels.js";
import { scanModule } from "./wasm-scan.js";
import { searchModule } from "./wasm-search.js";

/** Largest WebAssembly memory (65536 pages of 64 KiB), less a page of headroom. */
const MAX_MEMORY_BYTES = (wasm.MAX_PAGES - 1) * 65536;

type View = Int32Array | Float64Array | Float32Array | Int16Array;
type ViewCtor<T extends View> = {
  new (b: ArrayBufferLike, o: number, n: number): T;
  BYTES_PER_ELEMENT: number;
};

/**
 * Where a tree's arrays are allocated: in one shared WebAssembly memory at the addresses of its
 * {@link KernelLayout} when the SIMD search can run (the runtime has it and the tree fits a 32-bit
 * memory), else in plain (or, for threads, shared) buffers of their own.
 */
export interface TreeStorage {
  readonly layout?: KernelLayout;
  readonly kernels?: TreeKernels;
  readonly memory?: wasm.WasmMemory;
  /** A view of `n` elements for one of the tree's arrays. */
  place<T extends View>(Ctor: ViewCtor<T>, region: TreeRegion, n: number): T;
  /** A view of `n` elements outside the kernel's memory. */
  own<T extends View>(Ctor: ViewCtor<T>, n: number): T;
}

/** Storage for a tree of `sizes`, in WebAssembly memory when `simd` and possible. */
export function treeStorage(sizes: TreeSizes, simd: boolean, shared: boolean): TreeStorage {
  const own = <T extends View>(Ctor: ViewCtor<T>, n: number): T => {
    const bytes = Math.max(1, n) * Ctor.BYTES_PER_ELEMENT;
    return new Ctor(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), 0, n);
  };
  const candidate = simd ? kernelLayout(sizes) : undefined;
  const scan = candidate && candidate.bytes <= MAX_MEMORY_BYTES ? scanModule(candidate.slot) : null;
  if (!candidate || !scan) return { place: (Ctor, _region, n) => own(Ctor, n), own };
  const layout = candidate;
  const memory = wasm.sharedMemory(layout.bytes);
  const kernel = layout;
  return {
    layout,
    kernels: { scan, search: searchModule(layout.slot) },
    memory,
    own,
    place(Ctor, region, n) {
      const spec = kernel.regions.find((r) => r.name === region);
      if (spec?.bytes !== n * Ctor.BYTES_PER_ELEMENT)
        throw new RangeError(`tree array ${region}: ${n} elements do not fill its ${spec?.bytes} bytes`);
      return new Ctor(memory.buffer, spec.offset, n);
    },
  };
}
