/**
 * A QuickJS wasm instance of its own, with a hard cap on its linear memory:
 * the unit of memory isolation (one per author). QuickJS's own
 * `setMemoryLimit` does not hold in this build (it counts about 8 bytes per
 * allocation, issue 11), so the cap is the wasm memory's `maximum`: once
 * the instance's allocator cannot grow the memory any more, malloc fails
 * and QuickJS throws "out of memory" inside the guest. Every instance
 * shares one compiled wasm module per thread (instantiating costs a few
 * milliseconds; compiling and tiering up is paid once).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-wasmfile-release-sync';

/** The parts of the WebAssembly API used here (tsconfig.node has no DOM lib, where they are typed). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  compile(bytes: Uint8Array): Promise<object>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE_BYTES = 65_536;
/** The wasm module declares 16 MiB of initial memory: no instance can be smaller. */
export const MIN_INSTANCE_BYTES = 256 * PAGE_BYTES;

/** One capped instance. */
export interface CappedQuickJs {
  module: QuickJSWASMModule;
  memory: WasmMemory;
  /** The cap, bytes (a whole number of wasm pages). */
  capBytes: number;
  /**
   * True when the allocator's last attempt to grow the memory was refused
   * by the cap: malloc failed, the guest met "out of memory". (Emscripten
   * tries several sizes per growth, biggest first, so a refusal followed by
   * a smaller success is not a cap hit: each attempt overwrites the flag.)
   */
  readonly capHit: boolean;
}

let compiled: Promise<object> | null = null;

/** QuickJS's wasm module, compiled once per thread. */
function compiledQuickJs(): Promise<object> {
  compiled ??= (async () => {
    const path = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
    return wasm.compile(await readFile(path));
  })();
  return compiled;
}

/** A fresh QuickJS instance whose linear memory never exceeds `capBytes` (rounded down to pages). */
export async function newCappedQuickJs(capBytes: number): Promise<CappedQuickJs> {
  const pages = Math.max(MIN_INSTANCE_BYTES, capBytes) / PAGE_BYTES;
  const maximum = Math.floor(pages);
  const memory = new wasm.Memory({ initial: MIN_INSTANCE_BYTES / PAGE_BYTES, maximum });
  const state = { capHit: false };
  const grow = memory.grow.bind(memory);
  // Emscripten grows through this object's method: watching it tells a refused growth apart.
  memory.grow = (delta: number): number => {
    try {
      const previous = grow(delta);
      state.capHit = false;
      return previous;
    } catch (error) {
      state.capHit = true;
      throw error;
    }
  };
  const wasmModule = await compiledQuickJs();
  const module = await newQuickJSWASMModuleFromVariant(
    newVariant(variant, { wasmModule: wasmModule as never, wasmMemory: memory as never }),
  );
  return {
    module,
    memory,
    capBytes: maximum * PAGE_BYTES,
    get capHit() {
      return state.capHit;
    },
  };
}
