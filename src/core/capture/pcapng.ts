/**
 * pcapng push parser: sections in either byte order, any number of interfaces (each with its own
 * link type, snaplen, if_tsresol and if_tsoffset), Enhanced / Simple / obsolete Packet Blocks,
 * and the metadata blocks (comments, name resolution, decryption secrets). Validation and failure
 * texts follow tshark 4.0's wiretap so damaged files stop where tshark stops.
 */
import type { CaptureEnd, CaptureError, CaptureInfo, CaptureParser, RawRecord, RecordSink } from './types';
import { ChunkedParser } from './chunked-parser';
import { linktypeInfo, maxPacketSizeForLinktype } from './linktypes';
import { CUT_SHORT, CUT_SHORT_AT_OPEN, badFile, hex32, notACapture, unsupported } from './messages';
import { decodeString, packetOptionProblem, parseNameRecords, roundUp4, walkOptions } from './pcapng-options';
import { emptyInfo } from './pcap';
import { pseudoHeaderProblem } from './pseudo-header';
import { precisionForUnits, splitTicks, unitsForTsresol, type SplitTime } from './timestamps';
import { nonPacketRecord } from './pcapng-records';
import { DSB, EPB, IDB, ISB, NRB, PB, SPB, minimumBlockSize, minimumSizeComplaint } from './pcapng-blocks';

/** wiretap's MAX_BLOCK_SIZE: an EPB holding a maximal D-Bus packet plus 128 KiB of options. */
const MAX_BLOCK_SIZE = 32 + 128 * 1024 * 1024 + 131072;
const TLS_KEY_LOG = 0x544c534b;
const GIB = 1024 * 1024 * 1024;

export class PcapngParser extends ChunkedParser implements CaptureParser {
  readonly info: CaptureInfo;
  private readonly sink: RecordSink;
  private readonly rec: RawRecord = {
    index: 0,
    dataOffset: 0,
    caplen: 0,
    origlen: 0,
    tsSec: 0,
    tsNsec: 0,
    interfaceId: 0,
    linktype: 0,
    comments: undefined,
    flags: undefined,
    blockType: undefined,
  };
  private readonly time: SplitTime = { sec: 0, nsec: 0 };
  private le = true;
  private seenShb = false;
  /** True while reading the first SHB and the IDBs right after it (tshark's "open" phase). */
  private opening = true;
  /** For a truncated first SHB: bytes needed before tshark would accept it as pcapng at all. */
  private firstShbNeed = 0;
  private section = -1;
  private sectionBase = 0;
  private sectionCount = 0;
  // Per global interface id, for the packet hot path.
  private ifLinktype: number[] = [];
  private ifSnaplen: number[] = [];
  private ifUnits: number[] = [];
  private ifOffset: number[] = [];
  private ifMax: number[] = [];
  private ifPseudo: boolean[] = [];
  private precisionSet = false;
  private records = 0;
  private error: CaptureError | undefined;
  private cut: { offset: number; message: string } | undefined;
  // Scratch for the option handlers (bound once, so walking options does not allocate closures).
  private optView: DataView = new DataView(new ArrayBuffer(0));
  private idbTsresol = 6;
  private idbTsoffset = 0;
  private idbName: string | undefined;
  private idbDescription: string | undefined;
  private readonly onPacketOption = (code: number, at: number, len: number): string | undefined => {
    const problem = packetOptionProblem(this.optView, code, at, len);
    if (!problem && code === 2) this.rec.flags = this.optView.getUint32(at, this.le);
    return problem;
  };
  private readonly onPacketComment = (text: string): void => {
    (this.rec.comments ??= []).push(text);
  };
  private readonly onShbComment = (text: string): void => {
    this.info.comments.push(text);
  };
  private readonly onIdbOption = (code: number, at: number, len: number): string | undefined => {
    const v = this.optView;
    const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    if (code === 2) this.idbName = decodeString(bytes, at, len);
    else if (code === 3) this.idbDescription = decodeString(bytes, at, len);
    else if (code === 9 && len === 1) this.idbTsresol = v.getUint8(at);
    else if (code === 14 && len === 8) this.idbTsoffset = Number(v.getBigInt64(at, this.le));
    else if (code === 11 && len < 1) return `pcapng: packet block verdict option length ${len} is < 1`;
    return undefined;
  };

  constructor(sink: RecordSink, info?: CaptureInfo) {
    super();
    this.sink = sink;
    this.info = info ?? emptyInfo('pcapng');
    this.info.format = 'pcapng';
  }

  get failed(): boolean {
    return this.error !== undefined;
  }

  push(chunk: Uint8Array): void {
    this.feed(chunk);
  }

  finish(): CaptureEnd {
    this.drain();
    if (!this.seenShb && !this.error && !this.cut)
      this.fail(notACapture('pcapng file shorter than its section header block'));
    const end: CaptureEnd = { records: this.records };
    if (this.error) end.error = this.error;
    if (this.cut) end.cutShort = this.cut;
    return end;
  }

  protected truncated(abs: number, have: number): void {
    if (!this.seenShb && have < this.firstShbNeed) {
      // tshark does not even recognise a pcapng file whose first SHB is incomplete.
      this.fail(
        notACapture(
          `pcapng file cut short inside its section header block (${have} bytes at offset ${abs})`,
          abs,
        ),
      );
      return;
    }
    this.cut = { offset: abs, message: this.opening ? CUT_SHORT_AT_OPEN : CUT_SHORT };
    this.stopped = true;
  }

  protected internalError(message: string, abs: number): void {
    this.fail({ kind: 'internal', message, offset: abs });
  }

  private fail(e: CaptureError): void {
    this.error = e;
    this.stopped = true;
  }

  private bad(detail: string, abs: number): number {
    this.fail(badFile(detail, abs, `block at record ${this.records + 1}`));
    return 0;
  }

  protected step(b: Uint8Array, v: DataView, off: number, end: number, abs: number, _eof: boolean): number {
    const avail = end - off;
    if (avail === 0) return 0;
    if (!this.seenShb) this.firstShbNeed = 24;
    if (avail < 8) return -8;
    if (b[off] === 0x0a && b[off + 1] === 0x0d && b[off + 2] === 0x0d && b[off + 3] === 0x0a)
      return this.shb(b, v, off, end, abs);
    if (!this.seenShb) {
      this.fail(notACapture('not a pcapng file (first block is not a section header)', abs));
      return 0;
    }
    const le = this.le;
    const type = v.getUint32(off, le);
    const len = roundUp4(v.getUint32(off + 4, le));
    if (type !== IDB) this.opening = false;
    if (len > MAX_BLOCK_SIZE)
      return this.bad(`pcapng: total block length ${len} is too large (> ${MAX_BLOCK_SIZE})`, abs);
    if (len < minimumBlockSize(type)) return this.bad(minimumSizeComplaint(type, len), abs);
    // wiretap reads an SPB's trailer right after its packet data, whatever the length claims.
    if (type === SPB) return this.simplePacketBlock(b, v, off, end, len, abs);
    // Like wiretap, judge a packet block's fixed part before waiting for the rest of it.
    if ((type === EPB || type === PB) && !this.checkPacketHeader(v, off, end, len, abs, type))
      return avail < 28 ? -28 : 0;
    if (type === DSB && avail >= 16 && v.getUint32(off + 12, le) > GIB)
      return this.bad(`pcapng: secrets block is too large: ${v.getUint32(off + 12, le)}`, abs);
    if (avail < len) return -len;
    let ok: boolean;
    switch (type) {
      case EPB:
      case PB:
        ok = this.packetBlock(b, v, off, len, abs, type);
        break;
      case IDB:
        ok = this.interfaceBlock(b, v, off, len, abs);
        break;
      case NRB:
        ok = this.nameBlock(b, v, off, len, abs);
        break;
      case ISB:
        ok = this.options(b, v, off + 20, off + len - 4, abs, undefined, undefined);
        break;
      case DSB:
        ok = this.secretsBlock(b, v, off, len, abs);
        break;
      default: {
        const r = nonPacketRecord(type, v, off, len, le, this.rec);
        if (typeof r === 'string') return this.bad(r, abs);
        ok = this.trailer(v, off, len, abs);
        if (ok && r) this.deliver(b, off + r, abs + r);
        return ok ? len : 0;
      }
    }
    return ok ? len : 0;
  }

  private shb(b: Uint8Array, v: DataView, off: number, end: number, abs: number): number {
    const avail = end - off;
    if (avail < 24) return -24;
    const bom = v.getUint32(off + 8, true);
    if (bom !== 0x1a2b3c4d && bom !== 0x4d3c2b1a) {
      if (!this.seenShb)
        this.fail(
          notACapture(`pcapng with unknown byte-order magic ${hex32(bom)} at offset ${abs + 8}`, abs + 8),
        );
      else this.bad(`pcapng: unknown byte-order magic number ${hex32(bom)}`, abs);
      return 0;
    }
    const le = bom === 0x1a2b3c4d;
    const len = roundUp4(v.getUint32(off + 4, le));
    if (len < 28)
      return this.bad(
        `pcapng: total block length ${len} of an SHB is less than the minimum SHB size 28`,
        abs,
      );
    if (len > MAX_BLOCK_SIZE)
      return this.bad(`pcapng: total block length ${len} is too large (> ${MAX_BLOCK_SIZE})`, abs);
    const major = v.getUint16(off + 12, le);
    const minor = v.getUint16(off + 14, le);
    if (!(major === 1 && (minor === 0 || minor === 2))) {
      this.fail(
        unsupported('unsupported-version', `pcapng: unknown SHB version ${major}.${minor}`, abs + 12),
      );
      return 0;
    }
    if (!this.seenShb) this.firstShbNeed = len - 4;
    if (avail < len) return -len;
    this.le = le;
    const commentsBefore = this.info.comments.length;
    if (!this.options(b, v, off + 24, off + len - 4, abs, undefined, this.onShbComment)) return 0;
    if (!this.trailer(v, off, len, abs)) {
      this.info.comments.length = commentsBefore;
      return 0;
    }
    this.opening = !this.seenShb;
    this.seenShb = true;
    this.section++;
    this.sectionBase = this.info.interfaces.length;
    this.sectionCount = 0;
    return len;
  }

  private interfaceBlock(b: Uint8Array, v: DataView, off: number, len: number, abs: number): boolean {
    const linktype = v.getUint16(off + 8, this.le);
    const snaplen = v.getUint32(off + 12, this.le);
    this.idbTsresol = 6;
    this.idbTsoffset = 0;
    this.idbName = undefined;
    this.idbDescription = undefined;
    if (!this.options(b, v, off + 16, off + len - 4, abs, this.onIdbOption, undefined)) return false;
    if (!this.trailer(v, off, len, abs)) return false;
    const units = unitsForTsresol(this.idbTsresol);
    this.info.interfaces.push({
      linktype,
      snaplen,
      tsUnitsPerSec: units,
      tsOffsetSec: this.idbTsoffset,
      name: this.idbName,
      description: this.idbDescription,
      section: this.section,
    });
    this.ifLinktype.push(linktype);
    this.ifSnaplen.push(snaplen);
    this.ifUnits.push(units);
    this.ifOffset.push(this.idbTsoffset);
    this.ifMax.push(maxPacketSizeForLinktype(linktype));
    this.ifPseudo.push(linktypeInfo(linktype).pseudoHeaderLength > 0);
    this.sectionCount++;
    const precision = precisionForUnits(units);
    if (!this.precisionSet) this.info.tsPrecision = precision;
    else if (this.info.tsPrecision !== precision) this.info.tsPrecision = 'other';
    this.precisionSet = true;
    return true;
  }

  /** Reads a complete (E)PB whose fixed part checkPacketHeader() accepted. */
  private packetBlock(
    b: Uint8Array,
    v: DataView,
    off: number,
    len: number,
    abs: number,
    type: number,
  ): boolean {
    const le = this.le;
    const ifid = type === EPB ? v.getUint32(off + 8, le) : v.getUint16(off + 8, le);
    const caplen = v.getUint32(off + 20, le);
    const iface = this.sectionBase + ifid;
    const linktype = this.ifLinktype[iface];
    const data = off + 28;
    if (this.ifPseudo[iface]) {
      const problem = pseudoHeaderProblem(linktype, b, data, caplen);
      if (problem) return !this.bad(problem, abs);
    }
    const rec = this.rec;
    rec.comments = undefined;
    rec.flags = undefined;
    const optStart = data + caplen + ((4 - (caplen % 4)) % 4);
    const optEnd = off + len - 4;
    if (
      optStart < optEnd &&
      !this.options(b, v, optStart, optEnd, abs, this.onPacketOption, this.onPacketComment)
    )
      return false;
    if (!this.trailer(v, off, len, abs)) return false;
    splitTicks(v.getUint32(off + 12, le), v.getUint32(off + 16, le), this.ifUnits[iface], this.time);
    rec.tsSec = this.time.sec + this.ifOffset[iface];
    rec.tsNsec = this.time.nsec;
    rec.caplen = caplen;
    rec.origlen = v.getUint32(off + 24, le);
    rec.interfaceId = iface;
    rec.linktype = linktype;
    rec.blockType = type;
    this.deliver(b, data, abs + 28);
    return true;
  }

  /**
   * Checks an (E)PB's fixed part: false with the parse failed, or false with nothing decided when
   * fewer than its 28 bytes are available; true when the rest of the block may be read.
   */
  private checkPacketHeader(
    v: DataView,
    off: number,
    end: number,
    len: number,
    abs: number,
    type: number,
  ): boolean {
    if (end - off < 28) return false;
    const le = this.le;
    const ifid = type === EPB ? v.getUint32(off + 8, le) : v.getUint16(off + 8, le);
    const caplen = v.getUint32(off + 20, le);
    // wiretap adds in 32 bits, so a caplen near 2^32 wraps around and passes this test.
    const needed = (32 + caplen + ((4 - (caplen % 4)) % 4)) >>> 0;
    const what = type === EPB ? 'an EPB' : 'a PB';
    if (len < needed)
      return !!this.bad(
        `pcapng: total block length ${len} of ${what} is too small for ${caplen} bytes of packet data`,
        abs,
      );
    if (ifid >= this.sectionCount)
      return !!this.bad(
        `pcapng: interface index ${ifid} is not less than section interface count ${this.sectionCount}`,
        abs,
      );
    const max = this.ifMax[this.sectionBase + ifid];
    if (caplen > max) return !!this.bad(`pcapng: cap_len ${caplen} is larger than ${max}`, abs);
    return true;
  }

  private simplePacketBlock(
    b: Uint8Array,
    v: DataView,
    off: number,
    end: number,
    len: number,
    abs: number,
  ): number {
    if (end - off < 12) return -12;
    if (this.sectionCount === 0) return this.bad('pcapng: SPB appeared before any IDBs in the section', abs);
    const iface = this.sectionBase;
    const origlen = v.getUint32(off + 8, this.le);
    const snaplen = this.ifSnaplen[iface];
    const caplen = snaplen !== 0 && origlen > snaplen ? snaplen : origlen;
    const padded = caplen + ((4 - (caplen % 4)) % 4);
    if (len < 16 + padded)
      return this.bad(
        `pcapng: total block length ${len} of an SPB is too small for ${origlen} bytes of packet data`,
        abs,
      );
    const linktype = this.ifLinktype[iface];
    const max = maxPacketSizeForLinktype(linktype);
    if (caplen > max) return this.bad(`pcapng: cap_len ${caplen} is larger than ${max}`, abs);
    const used = 16 + padded;
    if (end - off < used) return -used;
    const problem = pseudoHeaderProblem(linktype, b, off + 12, caplen);
    if (problem) return this.bad(problem, abs);
    if (!this.trailerAt(v, off + 12 + padded, len, abs)) return 0;
    const rec = this.rec;
    // SPBs carry no time stamp; tshark shows none (we report 0).
    rec.tsSec = 0;
    rec.tsNsec = 0;
    rec.caplen = caplen;
    rec.origlen = origlen;
    rec.interfaceId = iface;
    rec.linktype = linktype;
    rec.comments = undefined;
    rec.flags = undefined;
    rec.blockType = SPB;
    this.deliver(b, off + 12, abs + 12);
    return used;
  }

  private nameBlock(b: Uint8Array, v: DataView, off: number, len: number, abs: number): boolean {
    const r = parseNameRecords(b, v, this.le, off + 8, off + len - 4, this.info.names);
    if (typeof r === 'string') return !this.bad(r, abs);
    return this.options(b, v, r, off + len - 4, abs, undefined, undefined) && this.trailer(v, off, len, abs);
  }

  private secretsBlock(b: Uint8Array, v: DataView, off: number, len: number, abs: number): boolean {
    const type = v.getUint32(off + 8, this.le);
    const size = v.getUint32(off + 12, this.le);
    if (size > GIB) return !this.bad(`pcapng: secrets block is too large: ${size}`, abs);
    if (20 + size > len) {
      // wiretap reads the secrets past the block and then fails to skip a negative remainder.
      this.cut = { offset: abs, message: CUT_SHORT };
      this.stopped = true;
      return false;
    }
    if (!this.trailer(v, off, len, abs)) return false;
    if (type === TLS_KEY_LOG) this.info.tlsKeyLog.push(decodeString(b, off + 16, size));
    return true;
  }

  /** Walks options; on a complaint fails the parse and returns false. */
  private options(
    b: Uint8Array,
    v: DataView,
    start: number,
    end: number,
    abs: number,
    handler: ((code: number, at: number, len: number) => string | undefined) | undefined,
    onComment: ((text: string) => void) | undefined,
  ): boolean {
    if (start >= end) return true;
    this.optView = v;
    const problem = walkOptions(b, v, this.le, start, end, handler, onComment);
    if (problem) this.bad(problem, abs);
    return !problem;
  }

  /** Checks the trailing length copy; on mismatch fails the parse. */
  private trailer(v: DataView, off: number, len: number, abs: number): boolean {
    return this.trailerAt(v, off + len - 4, len, abs);
  }

  private trailerAt(v: DataView, at: number, len: number, abs: number): boolean {
    const second = roundUp4(v.getUint32(at, this.le));
    if (second === len) return true;
    this.bad(`pcapng: total block lengths (first ${len} and second ${second}) don't match`, abs);
    return false;
  }

  private deliver(b: Uint8Array, data: number, dataAbs: number): void {
    const rec = this.rec;
    rec.index = this.records;
    rec.dataOffset = dataAbs;
    this.records++;
    this.sink(rec, b, data);
  }
}
