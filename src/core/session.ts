import { createCaptureParser } from './capture/index';
import { wtapEncapForLinktype } from './capture/linktypes';
import type { ByteSource, CaptureEnd, CaptureInfo, CaptureParser, RawRecord } from './capture/types';
import { CaptureState } from './dissect/capture-state';
import { dissectFrame, type DissectOptions, type DissectedFrame, type FrameInput } from './dissect/frame';
import type { ExpertItem } from './dissect/expert';
import { PacketInfo } from './dissect/packet-info';
import { ok, type Result } from '../base/result';
import { tcpState } from './analysis/tcp-analysis';
import type { BpfError } from './filter/bpf/index';
import type { DisplayFilter } from './filter/types';
import { bpfFrames, compileForInterfaces } from './index/bpf-frames';
import { FieldColumns } from './index/field-columns';
import { FilterRun } from './index/filter-frames';
import { FrameIndex } from './index/frame-index';
import { FrameMarks } from './index/frame-marks';
import { IndexAccessor } from './index/index-accessor';
import { frameSummary, type FrameSummary, type TimeFormat } from './summary';
import './protocols/index';

/** How the first (in-order) pass dissects each frame. */
export interface FirstPassOptions extends DissectOptions {
  /** Receives every frame's dissection as it is made (the CLI prints from here, like tshark's one pass). */
  onFrame?: (frame: DissectedFrame, input: FrameInput) => void;
  /**
   * Promise that onFrame keeps nothing of what it is handed once it returns: not the
   * DissectedFrame, its pinfo, the pinfo's addresses, layers, expert array or per-protocol data
   * (copy what must outlive the call). A first pass without tree and columns then resets and
   * reuses one PacketInfo (and the protocols their per-frame scratch objects) instead of
   * allocating them for every frame, as it does without onFrame. Default false.
   */
  onFrameTransient?: boolean;
}

export interface SessionOptions {
  /** Random access to the file for re-reading frames later; omit for one-pass streaming (CLI). */
  source?: ByteSource;
  firstPass?: FirstPassOptions;
  /**
   * Record the per-frame field columns that let display filters skip dissection (filterRun);
   * default true. Callers that never filter a loaded capture (the CLI's one pass) save the cost.
   */
  fieldColumns?: boolean;
}

/**
 * One opened capture: the one API that the worker, the CLI and the tests share.
 * Feed it chunks (push), then finish; frames are dissected in order as they arrive (first
 * pass), and any frame can be dissected again later from the byte source.
 */
export class CaptureSession {
  readonly capture = new CaptureState();
  readonly index = new FrameIndex();
  /** Per-frame network/transport fields and protocol lists from the first pass (filterFrames). */
  readonly fieldColumns = new FieldColumns();
  /** Per-frame marks of deep fields from the first pass (filterFrames; see frame-marks.ts). */
  readonly frameMarks = new FrameMarks();
  /** Expert items raised in the first pass, in frame order. */
  readonly expert: ExpertItem[] = [];
  private readonly parser: CaptureParser;
  private readonly firstPass: FirstPassOptions;
  private prevSec = NaN;
  private prevNsec = 0;
  private ended: CaptureEnd | null = null;
  private readonly input: FrameInput = {
    num: 0,
    tsSec: 0,
    tsNsec: 0,
    prevSec: NaN,
    prevNsec: 0,
    caplen: 0,
    origlen: 0,
    linktype: 0,
    interfaceId: 0,
    encapType: 0,
  };

  /**
   * The one PacketInfo of a first pass whose frames nobody reads after they are dissected (no
   * tree, no columns, and no onFrame or one that keeps nothing: onFrameTransient): reset for
   * every frame instead of allocated; null otherwise.
   */
  private readonly scratchPinfo: PacketInfo | null;
  /**
   * Whether the first pass records the field columns: only when frames can be dissected again
   * (a byte source) and the first pass sees every layer (with layers 'transport' the protocol
   * lists stop at TCP/UDP payloads, so they cannot vouch for the trees of later passes).
   */
  private readonly keepColumns: boolean;

  constructor(private readonly opts: SessionOptions = {}) {
    this.firstPass = opts.firstPass ?? { tree: false, columns: false };
    const fp = this.firstPass;
    this.keepColumns = opts.source !== undefined && fp.layers !== 'transport' && opts.fieldColumns !== false;
    if (!fp.tree && !fp.columns && (!fp.onFrame || fp.onFrameTransient === true)) {
      this.scratchPinfo = new PacketInfo(this.capture);
      this.scratchPinfo.scratch = true;
    } else {
      this.scratchPinfo = null;
    }
    this.parser = createCaptureParser((rec, bytes, start) => this.onRecord(rec, bytes, start));
  }

  get info(): CaptureInfo {
    return this.parser.info;
  }

  get frameCount(): number {
    return this.index.count;
  }

  /** How loading ended (null while loading). */
  get end(): CaptureEnd | null {
    return this.ended;
  }

  push(chunk: Uint8Array): void {
    this.parser.push(chunk);
  }

  finish(): CaptureEnd {
    this.ended = this.parser.finish();
    return this.ended;
  }

  private onRecord(rec: RawRecord, bytes: Uint8Array, start: number): void {
    this.capture.interfaces = this.parser.info.interfaces;
    const num = this.index.append(
      rec.dataOffset,
      rec.caplen,
      rec.origlen,
      rec.tsSec,
      rec.tsNsec,
      rec.interfaceId,
    );
    if (rec.comments) this.index.comments.set(num, rec.comments.slice());
    const input = this.input;
    input.num = num;
    input.tsSec = rec.tsSec;
    input.tsNsec = rec.tsNsec;
    input.prevSec = this.prevSec;
    input.prevNsec = this.prevNsec;
    input.caplen = rec.caplen;
    input.origlen = rec.origlen;
    input.linktype = rec.linktype;
    input.interfaceId = rec.interfaceId;
    input.encapType = wtapEncapForLinktype(rec.linktype);
    input.comments = rec.comments;
    this.prevSec = rec.tsSec;
    this.prevNsec = rec.tsNsec;
    // The frame is read in place in the chunk: a scratch pass makes no view of it unless asked.
    const d = dissectFrame(this.capture, input, bytes, this.firstPass, false, this.scratchPinfo, start);
    const expert = d.pinfo.expert;
    for (let i = 0; i < expert.length; i++) this.expert.push(expert[i]);
    if (this.keepColumns) {
      this.fieldColumns.record(num, d.pinfo.layers, d.bytes, rec.linktype);
      this.frameMarks.record(num, d.pinfo.marks);
    }
    this.firstPass.onFrame?.(d, input);
  }

  /** The FrameInput of frame `num` (1-based) rebuilt from the index. */
  frameInput(num: number): FrameInput {
    const i = num - 1;
    const ix = this.index;
    const iface = ix.iface[i];
    const linktype = this.parser.info.interfaces[iface]?.linktype ?? 1;
    return {
      num,
      tsSec: ix.tsSec[i],
      tsNsec: ix.tsNsec[i],
      prevSec: i > 0 ? ix.tsSec[i - 1] : NaN,
      prevNsec: i > 0 ? ix.tsNsec[i - 1] : 0,
      caplen: ix.caplen[i],
      origlen: ix.origlen[i],
      linktype,
      interfaceId: iface,
      encapType: wtapEncapForLinktype(linktype),
      comments: ix.comments.get(num),
    };
  }

  /** The captured bytes of frame `num`, read again from the source. */
  frameBytes(num: number): Uint8Array {
    const src = this.opts.source;
    if (!src) throw new Error('this session was opened without a byte source: frames cannot be re-read');
    const i = num - 1;
    return src.read(this.index.offset[i], this.index.caplen[i]);
  }

  /** Dissects frame `num` again, reading the state the first pass recorded. */
  dissect(num: number, opts: DissectOptions): DissectedFrame {
    return dissectFrame(this.capture, this.frameInput(num), this.frameBytes(num), opts, true);
  }

  /** Bytes held per frame by the index columns (frame index + first-pass field columns). */
  indexBytes(): number {
    const perFrame =
      FrameIndex.BYTES_PER_FRAME +
      (this.keepColumns ? FieldColumns.BYTES_PER_FRAME + FrameMarks.BYTES_PER_FRAME : 0);
    return this.index.count * perFrame;
  }

  /**
   * A FieldAccessor over the index columns (see src/core/index/index-accessor.ts); null when the
   * session keeps no field columns (no byte source, or a first pass that stops at transports).
   */
  indexAccessor(): IndexAccessor | null {
    if (!this.keepColumns) return null;
    const c = this.capture;
    return new IndexAccessor(this.index, this.fieldColumns, tcpState(c).frames, c.firstSec, c.firstNsec);
  }

  /**
   * Starts a display-filter run over frames 1..frameCount that uses the index where it can
   * (step it in slices; see src/core/index/filter-frames.ts).
   */
  filterRun(filter: DisplayFilter): FilterRun {
    return new FilterRun(this, filter);
  }

  /** Frame numbers of the frames that match a display filter (the whole run at once). */
  filterFrames(filter: DisplayFilter): Uint32Array {
    const run = this.filterRun(filter);
    run.step(this.frameCount);
    return run.frames();
  }

  /** Frame numbers of the frames a capture filter (BPF) accepts, read from the byte source. */
  bpfFrames(expr: string): Result<Uint32Array, BpfError> {
    const src = this.opts.source;
    if (!src) throw new Error('this session was opened without a byte source: frames cannot be re-read');
    const programs = compileForInterfaces(expr, this.parser.info.interfaces);
    if (!programs.ok) return programs;
    return ok(bpfFrames(programs.value, this.index, src, this.fieldColumns));
  }

  /** The packet-list columns of frame `num`. */
  summary(num: number, timeFormat: TimeFormat = 'relative'): FrameSummary {
    const d = this.dissect(num, { tree: false, columns: true });
    return frameSummary(d, this.frameInput(num), this.capture, this.parser.info.tsPrecision, timeFormat);
  }
}
