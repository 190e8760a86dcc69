/**
 * Runs a capture filter (BPF, tcpdump syntax) over every frame of a loaded capture. The
 * program is compiled once per interface (link types and snaplens may differ between pcapng
 * interfaces).
 *
 * Fast path: for Ethernet interfaces the program is also specialised over the first pass's
 * field columns (bpf-columns.ts), which decides plain IPv4/IPv6 frames without their bytes.
 * The frames it leaves undecided (other shapes, tests on bytes the columns do not hold) are
 * read from the source, only those, in blocks spanning runs of them, and run on their bytes.
 * bpfFramesFromBytes, the byte path for every frame, stays as the reference the fast path is
 * tested against.
 */
import { err, ok, type Result } from '../../base/result';
import type { ByteSource, CaptureInterface } from '../capture/types';
import { compileBpf, type BpfError, type BpfProgram } from '../filter/bpf/index';
import { compileProgram } from '../filter/bpf/program';
import * as verdict from './bpf-columns';
import { makeColumnFilter, type ColumnFilter } from './bpf-columns';
import type { FieldColumns } from './field-columns';
import type { FrameIndex } from './frame-index';
import { SHAPE } from './protocol-sets';

const BLOCK = 1 << 22;
// Module constants, not import bindings, in the per-frame loops (some module loaders, tsx among
// them, turn reading an imported binding into a getter call).
const ACCEPT = verdict.ACCEPT;
const REJECT = verdict.REJECT;
const UNDECIDED = verdict.UNDECIDED;
const LINKTYPE_ETHERNET = 1;

/** A capture filter compiled for one interface. */
export interface InterfaceFilter {
  /** Runs on a frame's bytes. */
  readonly program: BpfProgram;
  /**
   * Decides plain frames from the field columns; null when the interface is not Ethernet, the
   * program jumps backwards (protochain) or generating code is not allowed.
   */
  readonly columns: ColumnFilter | null;
}

/** tcpdump's snapshot length when a file does not say otherwise (as compileBpf). */
const DEFAULT_SNAPLEN = 262144;

/**
 * A filter whose byte program is built on first use: when the columns decide every frame, the
 * JIT of the byte program (and the optimizer's exploration compileBpf runs) is never needed.
 */
class LazyInterfaceFilter implements InterfaceFilter {
  private compiled: BpfProgram | null = null;

  constructor(
    private readonly expr: string,
    private readonly linktype: number,
    private readonly snaplen: number | undefined,
    readonly columns: ColumnFilter | null,
  ) {}

  get program(): BpfProgram {
    if (!this.compiled) {
      const r = compileBpf(this.expr, this.linktype, this.snaplen);
      // compileProgram accepted the same arguments, and compileBpf is compileProgram plus a runner.
      if (!r.ok) throw new Error(`capture filter recompilation failed: ${r.error.message}`);
      this.compiled = r.value;
    }
    return this.compiled;
  }
}

/**
 * Compiles `expr` for each interface. `codegen` false makes the column filters interpreted, as
 * where generating code is not allowed (tests compare both).
 */
export function compileForInterfaces(
  expr: string,
  interfaces: readonly CaptureInterface[],
  codegen = true,
): Result<InterfaceFilter[], BpfError> {
  const filters: InterfaceFilter[] = [];
  for (const iface of interfaces) {
    const snaplen = iface.snaplen || undefined;
    // The errors compileBpf reports are compileProgram's.
    const p = compileProgram(expr, iface.linktype, snaplen ?? DEFAULT_SNAPLEN);
    if (!p.ok) return err(p.error);
    const columns = iface.linktype === LINKTYPE_ETHERNET ? makeColumnFilter(p.value.program, codegen) : null;
    filters.push(new LazyInterfaceFilter(expr, iface.linktype, snaplen, columns));
  }
  return ok(filters);
}

/** The IPv6 address table as 4 big-endian words per id, grown as addresses are added. */
export class Ipv6Words {
  words = new Uint32Array(0);
  count = 0;

  update(addrs: readonly Uint8Array[]): Uint32Array {
    if (addrs.length === this.count) return this.words;
    if (addrs.length * 4 > this.words.length) {
      const w = new Uint32Array(Math.max(64, addrs.length * 8));
      w.set(this.words);
      this.words = w;
    }
    for (let id = this.count; id < addrs.length; id++) {
      const a = addrs[id];
      for (let j = 0; j < 4; j++) {
        this.words[id * 4 + j] =
          ((a[4 * j] << 24) | (a[4 * j + 1] << 16) | (a[4 * j + 2] << 8) | a[4 * j + 3]) >>> 0;
      }
    }
    this.count = addrs.length;
    return this.words;
  }
}

/**
 * Per-frame decisions from the columns, for callers that go frame by frame (the worker's
 * cancellable scan): ACCEPT, REJECT or UNDECIDED (run the program on the bytes).
 */
export class ColumnDecisions {
  private readonly v6 = new Ipv6Words();

  constructor(
    private readonly filters: readonly InterfaceFilter[],
    private readonly index: FrameIndex,
    private readonly columns: FieldColumns | null,
  ) {}

  decide(num: number): number {
    const i = num - 1;
    const cols = this.columns;
    const f = this.filters[this.index.iface[i]];
    if (!f || !f.columns || !cols || i >= cols.count) return UNDECIDED;
    const kind = cols.kind[i];
    const s = cols.src[i];
    const d = cols.dst[i];
    // A frame recorded after the table was last copied may name a new address.
    if ((kind & 3) === SHAPE.V6 && (s >= this.v6.count || d >= this.v6.count)) this.v6.update(cols.v6.addrs);
    return f.columns.decide(
      kind,
      s,
      d,
      cols.sport[i],
      cols.dport[i],
      this.index.caplen[i],
      this.index.origlen[i],
      this.v6.words,
    );
  }
}

function push(out: Uint32Array, n: number, v: number): Uint32Array {
  let o: Uint32Array = out;
  if (n === o.length) {
    o = new Uint32Array(o.length * 2);
    o.set(out);
  }
  o[n] = v;
  return o;
}

/**
 * The columns' decisions for frames [first, last] (all covered by the columns): REJECT, ACCEPT
 * or UNDECIDED at index num - first, in an array whose length is rounded up to a multiple of 4
 * (the padding is REJECT). Frames that end past `sourceSize` are left UNDECIDED: the byte path
 * has its own rule for them.
 */
export function columnDecisions(
  filters: readonly InterfaceFilter[],
  index: FrameIndex,
  columns: FieldColumns,
  first: number,
  last: number,
  sourceSize = Infinity,
): Uint8Array {
  const len = Math.max(0, last - first + 1);
  // Rounded up to whole words: most frames are rejected (0), and callers can skip four at a time.
  const res = new Uint8Array((len + 3) & ~3);
  res.fill(UNDECIDED, 0, len);
  if (len === 0) return res;
  const W = new Ipv6Words().update(columns.v6.addrs);
  const ix = index;
  for (let id = 0; id < filters.length; id++) {
    const c = filters[id].columns;
    if (!c) continue;
    c.batch(
      first - 1,
      last,
      id,
      ix.iface,
      columns.kind,
      columns.src,
      columns.dst,
      columns.sport,
      columns.dport,
      ix.caplen,
      ix.origlen,
      W,
      res,
    );
  }
  // Only ever the last frames: they are in file order.
  for (let num = last; num >= first && ix.offset[num - 1] + ix.caplen[num - 1] > sourceSize; num--) {
    res[num - first] = UNDECIDED;
  }
  return res;
}

/**
 * Frame numbers (1-based) of the frames in [first, last] that the filters accept: decided from
 * the columns where they can be, from the bytes otherwise. Pass null columns to read every frame.
 */
export function bpfFrames(
  filters: readonly InterfaceFilter[],
  index: FrameIndex,
  source: ByteSource,
  columns: FieldColumns | null,
  first = 1,
  last = index.count,
): Uint32Array {
  let accepted: Uint32Array = new Uint32Array(1024);
  let na = 0;
  let pending: Uint32Array = new Uint32Array(1024);
  let np = 0;
  const known = columns ? Math.min(columns.count, last) : 0;
  if (columns && first <= known) {
    const res = columnDecisions(filters, index, columns, first, known, source.size);
    const len = known - first + 1;
    const words = new Uint32Array(res.buffer, 0, res.length >> 2);
    for (let w = 0; w < words.length; w++) {
      if (words[w] === REJECT) continue;
      for (let j = w * 4; j < w * 4 + 4 && j < len; j++) {
        const r = res[j];
        const num = first + j;
        if (r === ACCEPT) accepted = push(accepted, na++, num);
        else if (r === UNDECIDED && filters[index.iface[num - 1]]) pending = push(pending, np++, num);
      }
    }
  }
  for (let num = Math.max(first, known + 1); num <= last; num++) {
    if (filters[index.iface[num - 1]]) pending = push(pending, np++, num);
  }
  if (np === 0) return accepted.slice(0, na);
  const fromBytes = framesFromBytes(filters, index, source, pending.subarray(0, np));
  return mergeSorted(accepted.subarray(0, na), fromBytes);
}

/** Runs the programs on the bytes of `frames` (ascending), reading blocks that span runs of them. */
function framesFromBytes(
  filters: readonly InterfaceFilter[],
  index: FrameIndex,
  source: ByteSource,
  frames: Uint32Array,
): Uint32Array {
  let out: Uint32Array = new Uint32Array(1024);
  let n = 0;
  let blockStart = 0;
  let blockEnd = 0;
  let block: Uint8Array = new Uint8Array(0);
  for (let j = 0; j < frames.length; j++) {
    const num = frames[j];
    const i = num - 1;
    const off = index.offset[i];
    const len = index.caplen[i];
    if (off < blockStart || off + len > blockEnd) {
      // From this frame to the end of the last pending frame that fits in a block, never past
      // the end of the source (the worker's block cache rejects that).
      let end = off + len;
      for (let j2 = j + 1; j2 < frames.length; j2++) {
        const i2 = frames[j2] - 1;
        const e = index.offset[i2] + index.caplen[i2];
        if (index.offset[i2] < off || e - off > BLOCK) break;
        if (e > end) end = e;
      }
      blockStart = off;
      block = source.read(off, Math.max(0, Math.min(end, source.size) - off));
      blockEnd = off + block.length;
      if (off + len > blockEnd) continue;
    }
    if (filters[index.iface[i]].program.matches(block, off - blockStart, len, index.origlen[i])) {
      out = push(out, n++, num);
    }
  }
  return out.subarray(0, n);
}

function mergeSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] < b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/**
 * The byte path for every frame: reads the whole source in large blocks and runs the program on
 * each frame in place (no copy and no view per frame). Reference for the fast path's tests.
 */
export function bpfFramesFromBytes(
  programs: readonly BpfProgram[],
  index: FrameIndex,
  source: ByteSource,
  first = 1,
  last = index.count,
): Uint32Array {
  let out: Uint32Array = new Uint32Array(1024);
  let n = 0;
  let blockStart = 0;
  let blockEnd = 0;
  let block: Uint8Array = new Uint8Array(0);
  for (let num = first; num <= last; num++) {
    const i = num - 1;
    const prog = programs[index.iface[i]];
    if (!prog) continue;
    const off = index.offset[i];
    const len = index.caplen[i];
    if (off < blockStart || off + len > blockEnd) {
      blockStart = off;
      // Large blocks, but never past the end: some sources (the worker's block cache) reject that.
      block = source.read(off, Math.min(Math.max(BLOCK, len), Math.max(0, source.size - off)));
      blockEnd = off + block.length;
      if (off + len > blockEnd) continue;
    }
    if (prog.matches(block, off - blockStart, len, index.origlen[i])) out = push(out, n++, num);
  }
  return out.slice(0, n);
}
