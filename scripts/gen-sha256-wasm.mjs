// Writes src/core/diff/sha256-wasm-binary.ts: SHA-256 (FIPS 180-4) as a small WebAssembly
// module, base64 in a TypeScript string, for the workers that hash a commit and an export
// (core/diff/sha256-wasm.ts; docs/architecture.md, "Hashing"). Why WebAssembly: the same
// unrolled rounds as the TypeScript one (scripts/gen-sha256-rounds.mjs) run ~1.5–2× faster
// there, and a block of records is hashed in one call, with no call into it per record.
// Why written here and not a library's: hash-wasm's SHA-256 is a hash object (init, update,
// digest per record) and measured slower than our TypeScript on 1M short records
// (bench/sha256-engines.mjs). The module is assembled from the text format with wabt
// (a devDependency, never shipped); test/unit/core/diff/sha256-wasm.test.ts fails when the
// checked-in module differs from what this script writes.
//   node scripts/gen-sha256-wasm.mjs
//
// Two modules: one with WebAssembly SIMD, whose `records` hashes four records at a time (~2× the
// plain one's records in Node, bench/sha256-engines.mjs), and the plain one for an engine without
// SIMD; `stream` is the same in both.
//
// Memory layout (one exported memory, grown by the caller): [0, 128) the tail of a message
// being padded, [128, 160) the eight state words (native order), [256, 768) the four lanes' last
// blocks (SIMD module), [1024, …) the caller's bytes.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { K, roundNames, WORKING } from './gen-sha256-rounds.mjs';

const INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
// The tail sits at 0, so an offset into it is its address (finish relies on it).
const TAIL = 0;
const STATE = 128;

/** A byte-swapped 32-bit load (SHA-256 reads its words big-endian; WebAssembly loads little-endian). */
const load = (q) => `(call $bswap (i32.load offset=${q} align=1 (local.get $p)))`;
const get = (x) => `(local.get $${x})`;

/** The operations the rounds are written with: on one 32-bit word, or on four in a vector. */
const SCALAR = {
  add: 'i32.add',
  xor: 'i32.xor',
  and: 'i32.and',
  or: 'i32.or',
  rotr: (x, n) => `(i32.rotr (local.get $${x}) (i32.const ${n}))`,
  shr: (x, n) => `(i32.shr_u (local.get $${x}) (i32.const ${n}))`,
  k: (t) => `(i32.const ${K[t] | 0})`,
};
const VECTOR = {
  add: 'i32x4.add',
  xor: 'v128.xor',
  and: 'v128.and',
  or: 'v128.or',
  // WebAssembly SIMD has lane-wise shifts and no rotation.
  rotr: (x, n) => `(v128.or (i32x4.shr_u (local.get $${x}) (i32.const ${n})) (i32x4.shl (local.get $${x}) (i32.const ${32 - n})))`,
  shr: (x, n) => `(i32x4.shr_u (local.get $${x}) (i32.const ${n}))`,
  k: (t) => `(i32x4.splat (i32.const ${K[t] | 0}))`,
};

/**
 * The 64 rounds over the working locals (a…g, k) and the schedule locals w0…w15 (loaded), with
 * `ops` on words or on vectors; each line indented by `pad`.
 */
function rounds(line, pad, ops) {
  const add = (...xs) => xs.reduce((acc, x) => `(${ops.add} ${acc} ${x})`);
  const xor3 = (a, b, c) => `(${ops.xor} (${ops.xor} ${a} ${b}) ${c})`;
  const { rotr, shr } = ops;
  for (let t = 0; t < 64; t++) {
    const { A, B, C, D, E, F, G, H, w, x, y, z } = roundNames(t);
    if (t >= 16) line(`${pad}(local.set $${w} ${add(get(w), xor3(rotr(x, 7), rotr(x, 18), shr(x, 3)), get(z), xor3(rotr(y, 17), rotr(y, 19), shr(y, 10)))})`);
    const ch = `(${ops.xor} ${get(G)} (${ops.and} ${get(E)} (${ops.xor} ${get(F)} ${get(G)})))`;
    line(`${pad}(local.set $${H} ${add(get(H), xor3(rotr(E, 6), rotr(E, 11), rotr(E, 25)), ch, ops.k(t), get(w))})`);
    line(`${pad}(local.set $${D} (${ops.add} ${get(D)} ${get(H)}))`);
    const maj = `(${ops.or} (${ops.and} ${get(A)} ${get(B)}) (${ops.and} ${get(C)} (${ops.or} ${get(A)} ${get(B)})))`;
    line(`${pad}(local.set $${H} ${add(get(H), xor3(rotr(A, 2), rotr(A, 13), rotr(A, 22)), maj)})`);
  }
}

/** The text format of the module. */
export function sha256Wat(simd = false) {
  const out = [];
  const line = (s) => out.push(s);
  line('(module');
  line('  (memory (export "memory") 1)');
  line('  (func $bswap (param $x i32) (result i32)');
  line('    (i32.or (i32.and (i32.rotr (local.get $x) (i32.const 8)) (i32.const 0xff00ff00))');
  line('            (i32.and (i32.rotl (local.get $x) (i32.const 8)) (i32.const 0x00ff00ff))))');
  // compress(p, end): every whole block of [p, end) into the state at STATE; returns where the blocks stopped.
  line('  (func $compress (export "compress") (param $p i32) (param $end i32) (result i32)');
  const locals = [...[...Array(8).keys()].map((i) => `h${i}`), ...WORKING, ...[...Array(16).keys()].map((i) => `w${i}`)];
  line(`    ${locals.map((x) => `(local $${x} i32)`).join(' ')}`);
  for (let i = 0; i < 8; i++) line(`    (local.set $h${i} (i32.load offset=${STATE + 4 * i} (i32.const 0)))`);
  line('    (block $done (loop $block');
  line('      (br_if $done (i32.gt_u (i32.add (local.get $p) (i32.const 64)) (local.get $end)))');
  WORKING.forEach((x, i) => line(`      (local.set $${x} (local.get $h${i}))`));
  for (let t = 0; t < 16; t++) line(`      (local.set $w${t} ${load(4 * t)})`);
  rounds(line, '      ', SCALAR);
  WORKING.forEach((x, i) => line(`      (local.set $h${i} (i32.add (local.get $h${i}) (local.get $${x})))`));
  line('      (local.set $p (i32.add (local.get $p) (i32.const 64)))');
  line('      (br $block)))');
  for (let i = 0; i < 8; i++) line(`    (i32.store offset=${STATE + 4 * i} (i32.const 0) (local.get $h${i}))`);
  line('    (local.get $p))');
  // init(): the state set to SHA-256's initial words.
  line('  (func $init (export "init")');
  INIT.forEach((h, i) => line(`    (i32.store offset=${STATE + 4 * i} (i32.const 0) (i32.const ${h | 0}))`));
  line('  )');
  // finish(rest, hi, lo, out): the last block(s) from the `rest` bytes at TAIL, for a message of
  // hi·2^32 + lo bits in all; the digest as 32 big-endian bytes at `out`.
  line('  (func $finish (export "finish") (param $rest i32) (param $hi i32) (param $lo i32) (param $out i32)');
  line('    (local $end i32)');
  line(`    (i32.store8 offset=${TAIL} (local.get $rest) (i32.const 0x80))`);
  line(`    (memory.fill (i32.add (local.get $rest) (i32.const ${TAIL + 1})) (i32.const 0) (i32.sub (i32.const 127) (local.get $rest)))`);
  line('    (local.set $end (select (i32.const 128) (i32.const 64) (i32.ge_u (local.get $rest) (i32.const 56))))');
  // The bit length, big-endian, in the block's last 8 bytes: end - 8 and end - 4.
  line(`    (i32.store (i32.sub (local.get $end) (i32.const 8)) (call $bswap (local.get $hi)))`);
  line(`    (i32.store (i32.sub (local.get $end) (i32.const 4)) (call $bswap (local.get $lo)))`);
  line(`    (drop (call $compress (i32.const ${TAIL}) (local.get $end)))`);
  for (let i = 0; i < 8; i++) line(`    (i32.store offset=${4 * i} align=1 (local.get $out) (call $bswap (i32.load offset=${STATE + 4 * i} (i32.const 0))))`);
  line('  )');
  // records(data, ends, count, out): record i is data + [ends[i], ends[i + 1]) (u32, little-endian);
  // its digest goes to out + 32 i.
  line(`  (func $records1 ${simd ? '' : '(export "records") '}(param $data i32) (param $ends i32) (param $count i32) (param $out i32)`);
  line('    (local $i i32) (local $start i32) (local $stop i32) (local $p i32) (local $rest i32) (local $len i32)');
  line('    (block $done (loop $record');
  line('      (br_if $done (i32.ge_u (local.get $i) (local.get $count)))');
  line('      (local.set $start (i32.add (local.get $data) (i32.load (i32.add (local.get $ends) (i32.shl (local.get $i) (i32.const 2))))))');
  line('      (local.set $stop (i32.add (local.get $data) (i32.load offset=4 (i32.add (local.get $ends) (i32.shl (local.get $i) (i32.const 2))))))');
  line('      (call $init)');
  line('      (local.set $p (call $compress (local.get $start) (local.get $stop)))');
  line('      (local.set $rest (i32.sub (local.get $stop) (local.get $p)))');
  line(`      (memory.copy (i32.const ${TAIL}) (local.get $p) (local.get $rest))`);
  line('      (local.set $len (i32.sub (local.get $stop) (local.get $start)))');
  line('      (call $finish (local.get $rest) (i32.shr_u (local.get $len) (i32.const 29)) (i32.shl (local.get $len) (i32.const 3))');
  line('        (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 5))))');
  line('      (local.set $i (i32.add (local.get $i) (i32.const 1)))');
  line('      (br $record)))');
  line('  )');
  if (simd) records4(line);
  line(')');
  return out.join('\n');
}

/** Record `i + k`'s end, from the ends array (u32 each). */
const recordEnd = (k) => `(i32.load offset=${4 * k} (i32.add (local.get $ends) (i32.shl (local.get $i) (i32.const 2))))`;

/** Where the four lanes' padded last blocks are written (128 bytes each), in the SIMD module. */
const PAD = 256;
const LANES = [0, 1, 2, 3];

/**
 * The SIMD module's `records`: four records at a time, one in each 32-bit lane of WebAssembly's
 * 128-bit vectors, so one pass of the 64 rounds compresses a block of each. Why: a commit hashes
 * a million independent short records (2–3 blocks each), which a single SHA-256 cannot spread
 * over the CPU's vector lanes; WebAssembly has no SHA instructions. A lane whose record has no
 * block left runs the rounds on a block it already hashed and keeps its state (`bitselect` on
 * the lanes still going). Each record's last bytes, its 0x80 and its bit length are written to
 * the lane's pad area first, so every block a lane reads is 64 whole bytes. Fewer than four
 * records at the end go through `$records1`, one at a time.
 */
function records4(line) {
  // $pad(start, len, at): writes the record's bytes after its whole blocks, 0x80, zeros and the
  // bit length at `at`; returns the record's number of blocks in all.
  line('  (func $pad (param $start i32) (param $len i32) (param $at i32) (result i32)');
  line('    (local $full i32) (local $rest i32) (local $end i32)');
  line('    (local.set $full (i32.shr_u (local.get $len) (i32.const 6)))');
  line('    (local.set $rest (i32.and (local.get $len) (i32.const 63)))');
  line('    (memory.copy (local.get $at) (i32.add (local.get $start) (i32.shl (local.get $full) (i32.const 6))) (local.get $rest))');
  line('    (i32.store8 (i32.add (local.get $at) (local.get $rest)) (i32.const 0x80))');
  line('    (memory.fill (i32.add (i32.add (local.get $at) (local.get $rest)) (i32.const 1)) (i32.const 0) (i32.sub (i32.const 127) (local.get $rest)))');
  line('    (local.set $end (select (i32.const 128) (i32.const 64) (i32.ge_u (local.get $rest) (i32.const 56))))');
  line('    (i32.store (i32.add (local.get $at) (i32.sub (local.get $end) (i32.const 8))) (call $bswap (i32.shr_u (local.get $len) (i32.const 29))))');
  line('    (i32.store (i32.add (local.get $at) (i32.sub (local.get $end) (i32.const 4))) (call $bswap (i32.shl (local.get $len) (i32.const 3))))');
  line('    (i32.add (local.get $full) (i32.shr_u (local.get $end) (i32.const 6))))');
  line('  (func (export "records") (param $data i32) (param $ends i32) (param $count i32) (param $out i32)');
  const scalars = ['i', 'blk', 'max', 'len', ...LANES.flatMap((l) => [`s${l}`, `f${l}`, `n${l}`, `p${l}`])];
  const vectors = [...[...Array(8).keys()].map((i) => `h${i}`), ...WORKING, ...[...Array(16).keys()].map((i) => `w${i}`), 'nb', 'live', 'swap'];
  line(`    ${scalars.map((x) => `(local $${x} i32)`).join(' ')}`);
  line(`    ${vectors.map((x) => `(local $${x} v128)`).join(' ')}`);
  // Reverses the bytes of each lane: SHA-256 reads big-endian words.
  line('    (local.set $swap (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12))');
  line('    (block $done (loop $group');
  line('      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $count)))');
  for (const l of LANES) {
    line(`      (local.set $s${l} (i32.add (local.get $data) ${recordEnd(l)}))`);
    line(`      (local.set $len (i32.sub ${recordEnd(l + 1)} ${recordEnd(l)}))`);
    line(`      (local.set $f${l} (i32.shr_u (local.get $len) (i32.const 6)))`);
    line(`      (local.set $n${l} (call $pad (local.get $s${l}) (local.get $len) (i32.const ${PAD + 128 * l})))`);
  }
  line('      (local.set $nb (i32x4.replace_lane 3 (i32x4.replace_lane 2 (i32x4.replace_lane 1 (i32x4.splat (local.get $n0)) (local.get $n1)) (local.get $n2)) (local.get $n3)))');
  line('      (local.set $max (local.get $n0))');
  for (const l of [1, 2, 3]) line(`      (local.set $max (select (local.get $n${l}) (local.get $max) (i32.gt_u (local.get $n${l}) (local.get $max))))`);
  INIT.forEach((h, i) => line(`      (local.set $h${i} (i32x4.splat (i32.const ${h | 0})))`));
  line('      (local.set $blk (i32.const 0))');
  line('      (block $last (loop $block');
  line('        (br_if $last (i32.ge_u (local.get $blk) (local.get $max)))');
  // Each lane's block: in the record while whole, then in its pad area; once the record has no
  // block left, its pad's first block again (hashed, and thrown away by the mask).
  for (const l of LANES) {
    const inPad = `(i32.add (i32.const ${PAD + 128 * l}) (i32.shl (i32.sub (local.get $blk) (local.get $f${l})) (i32.const 6)))`;
    const inRecord = `(i32.add (local.get $s${l}) (i32.shl (local.get $blk) (i32.const 6)))`;
    line(`        (local.set $p${l} (select ${inRecord} (select ${inPad} (i32.const ${PAD + 128 * l}) (i32.lt_u (local.get $blk) (local.get $n${l}))) (i32.lt_u (local.get $blk) (local.get $f${l}))))`);
  }
  line('        (local.set $live (i32x4.gt_s (local.get $nb) (i32x4.splat (local.get $blk))))');
  WORKING.forEach((x, i) => line(`        (local.set $${x} (local.get $h${i}))`));
  for (let t = 0; t < 16; t++) {
    const at = (l) => `(i32.load offset=${4 * t} align=1 (local.get $p${l}))`;
    line(`        (local.set $w${t} (i8x16.swizzle (i32x4.replace_lane 3 (i32x4.replace_lane 2 (i32x4.replace_lane 1 (i32x4.splat ${at(0)}) ${at(1)}) ${at(2)}) ${at(3)}) (local.get $swap)))`);
  }
  rounds(line, '        ', VECTOR);
  WORKING.forEach((x, i) => line(`        (local.set $h${i} (v128.bitselect (i32x4.add (local.get $h${i}) (local.get $${x})) (local.get $h${i}) (local.get $live)))`));
  line('        (local.set $blk (i32.add (local.get $blk) (i32.const 1)))');
  line('        (br $block)))');
  // The four digests, big-endian, at out + 32 (i + lane).
  for (let i = 0; i < 8; i++) line(`      (local.set $h${i} (i8x16.swizzle (local.get $h${i}) (local.get $swap)))`);
  for (const l of LANES) {
    for (let i = 0; i < 8; i++) {
      line(`      (i32.store offset=${32 * l + 4 * i} align=1 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 5))) (i32x4.extract_lane ${l} (local.get $h${i})))`);
    }
  }
  line('      (local.set $i (i32.add (local.get $i) (i32.const 4)))');
  line('      (br $group)))');
  line('    (call $records1 (local.get $data) (i32.add (local.get $ends) (i32.shl (local.get $i) (i32.const 2))) (i32.sub (local.get $count) (local.get $i))');
  line('      (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 5)))))');
}

/** The module's bytes, assembled by wabt: the SIMD one (four records at a time) or the plain one. */
export async function sha256WasmBytes(simd = false) {
  const wabt = await (await import('wabt')).default();
  const mod = wabt.parseWat('sha256.wat', sha256Wat(simd), { bulk_memory: true, simd });
  try {
    mod.validate();
    return new Uint8Array(mod.toBinary({ write_debug_names: false }).buffer);
  } finally {
    mod.destroy();
  }
}

/** The TypeScript source of src/core/diff/sha256-wasm-binary.ts. */
async function base64Constant(name, simd) {
  const b64 = Buffer.from(await sha256WasmBytes(simd)).toString('base64');
  const lines = [];
  for (let i = 0; i < b64.length; i += 96) lines.push(`  '${b64.slice(i, i + 96)}'`);
  return [`export const ${name} =`, `${lines.join(' +\n')};`];
}

export async function sha256WasmSource() {
  return [
    '// Generated by scripts/gen-sha256-wasm.mjs: do not edit (edit the script, run it again).',
    '// SHA-256 (FIPS 180-4) as WebAssembly modules, base64; why and their layout: see the script.',
    '',
    '// Records hashed four at a time in 128-bit vectors (WebAssembly SIMD).',
    ...(await base64Constant('SHA256_SIMD_WASM_BASE64', true)),
    '',
    '// The same without SIMD, for an engine that has none.',
    ...(await base64Constant('SHA256_WASM_BASE64', false)),
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = resolve(dirname(fileURLToPath(import.meta.url)), '../src/core/diff/sha256-wasm-binary.ts');
  writeFileSync(target, await sha256WasmSource());
  console.log(`wrote ${target}`);
}
