/** The text format of the SHA-256 WebAssembly module. */
export function sha256Wat(): string;
/** The module's bytes, assembled by wabt. */
export function sha256WasmBytes(): Promise<Uint8Array>;
/** The TypeScript source of src/core/diff/sha256-wasm-binary.ts. */
export function sha256WasmSource(): Promise<string>;
