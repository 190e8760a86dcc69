/**
 * Classic pcap push parser (libpcap format, both byte orders, micro- and nanosecond magic, the
 * modified/Kuznetzov magic, Ixia's variant), behaving like tshark 4.0's wiretap reader: same
 * accepted link types, same variant heuristic, same limits and the same failure texts.
 */
import type { CaptureEnd, CaptureError, CaptureInfo, CaptureParser, RawRecord, RecordSink } from './types';
import { ChunkedParser } from './chunked-parser';
import { isLinktypeSupported, linktypeInfo, maxPacketSizeForLinktype } from './linktypes';
import { pseudoHeaderProblem } from './pseudo-header';
import { CUT_SHORT, CUT_SHORT_AT_OPEN, badFile, hex32, unsupported } from './messages';
import {
  LengthOrder,
  MODIFIED_CANDIDATES,
  PcapVariant,
  STANDARD_CANDIDATES,
  probeVariant,
  recordHeaderLength,
  variantIsNanosecond,
  type ProbeContext,
} from './pcap-variants';

/** How a magic number (first four bytes read big-endian) identifies a pcap file. */
export interface PcapMagic {
  littleEndian: boolean;
  kind: 'standard' | 'nsec' | 'modified' | 'ixia';
}

/** Recognises the pcap magic numbers; undefined for anything else. */
export function pcapMagic(firstFourBigEndian: number): PcapMagic | undefined {
  switch (firstFourBigEndian >>> 0) {
    case 0xa1b2c3d4:
      return { littleEndian: false, kind: 'standard' };
    case 0xd4c3b2a1:
      return { littleEndian: true, kind: 'standard' };
    case 0xa1b23c4d:
      return { littleEndian: false, kind: 'nsec' };
    case 0x4d3cb2a1:
      return { littleEndian: true, kind: 'nsec' };
    case 0xa1b2cd34:
      return { littleEndian: false, kind: 'modified' };
    case 0x34cdb2a1:
      return { littleEndian: true, kind: 'modified' };
    case 0x1c0001ac:
    case 0x1c0001ab:
      return { littleEndian: false, kind: 'ixia' };
    case 0xac01001c:
    case 0xab01001c:
      return { littleEndian: true, kind: 'ixia' };
    default:
      return undefined;
  }
}

const enum State {
  Header,
  Probe,
  Records,
}

/** Creates an empty CaptureInfo for a format. */
export function emptyInfo(format: 'pcap' | 'pcapng'): CaptureInfo {
  return {
    format,
    compressed: false,
    tsPrecision: 'usec',
    interfaces: [],
    comments: [],
    tlsKeyLog: [],
    names: [],
  };
}

export class PcapParser extends ChunkedParser implements CaptureParser {
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
  };
  private state = State.Header;
  private le = true;
  private variant = PcapVariant.Standard;
  private candidates: readonly PcapVariant[] = [];
  private hdrLen = 16;
  private nsMultiplier = 1000;
  private lengthOrder = LengthOrder.Normal;
  private snaplen = 0;
  private maxPacket = 262144;
  private pseudoHeader = 0;
  private linktype = 0;
  private aixFddi = false;
  private records = 0;
  private error: CaptureError | undefined;
  private cut: { offset: number; message: string } | undefined;

  constructor(sink: RecordSink, info?: CaptureInfo) {
    super();
    this.sink = sink;
    this.info = info ?? emptyInfo('pcap');
    this.info.format = 'pcap';
  }

  get failed(): boolean {
    return this.error !== undefined;
  }

  push(chunk: Uint8Array): void {
    this.feed(chunk);
  }

  finish(): CaptureEnd {
    this.drain();
    const end: CaptureEnd = { records: this.records };
    if (this.error) end.error = this.error;
    if (this.cut) end.cutShort = this.cut;
    return end;
  }

  protected step(b: Uint8Array, v: DataView, off: number, end: number, abs: number, eof: boolean): number {
    if (this.state === State.Records) return this.record(b, v, off, end, abs);
    if (this.state === State.Header) return this.header(v, off, end, abs, eof);
    const ctx: ProbeContext = {
      littleEndian: this.le,
      lengthOrder: this.lengthOrder,
      snaplen: this.snaplen,
      maxPacket: this.maxPacket,
    };
    const res = probeVariant(this.candidates, ctx, v, off, end, eof);
    if (res.variant === undefined) return -res.need;
    this.useVariant(res.variant);
    this.state = State.Records;
    return 0;
  }

  protected truncated(abs: number): void {
    this.cut = { offset: abs, message: this.state === State.Header ? CUT_SHORT_AT_OPEN : CUT_SHORT };
    this.stopped = true;
  }

  protected internalError(message: string, abs: number): void {
    this.fail({ kind: 'internal', message, offset: abs });
  }

  private fail(e: CaptureError): void {
    this.error = e;
    this.stopped = true;
  }

  private header(v: DataView, off: number, end: number, abs: number, eof: boolean): number {
    if (end - off < 4) return eof && end === off ? 0 : -4;
    const magic = pcapMagic(v.getUint32(off, false));
    if (!magic) {
      this.fail({ kind: 'not-a-capture', message: 'not a pcap file (unknown magic number)', offset: abs });
      return 0;
    }
    const len = magic.kind === 'ixia' ? 28 : 24;
    if (end - off < len) return -len;
    const le = magic.littleEndian;
    this.le = le;
    const major = v.getUint16(off + 4, le);
    const minor = v.getUint16(off + 6, le);
    this.snaplen = v.getUint32(off + 16, le);
    let network = v.getUint32(off + 20, le);
    if (major < 2) {
      this.fail(unsupported('unsupported-version', `pcap: major version ${major} unsupported`, abs + 4));
      return 0;
    }
    this.lengthOrder =
      major === 543 || (major === 2 && minor < 3)
        ? LengthOrder.Swapped
        : major === 2 && minor === 3
          ? LengthOrder.MaybeSwapped
          : LengthOrder.Normal;
    // AIX's tcpdump wrote version 2.2 with RFC 1573 ifType values instead of link types.
    let aix = false;
    if (major === 2 && minor === 2) {
      const mapped = ({ 6: 1, 9: 6, 15: 10, 24: 0 } as Record<number, number>)[network];
      if (mapped !== undefined) {
        network = mapped;
        aix = true;
      }
    }
    const reserved = (network & 0x03ff0000) >>> 0;
    if (reserved !== 0) {
      this.fail(
        unsupported(
          'unsupported-linktype',
          `pcap: network type reserved field not zero (${hex32(reserved)})`,
          abs + 20,
        ),
      );
      return 0;
    }
    // The top bits carry the FCS length (libpcap's LT_FCS_* fields); the link type is the low 16.
    const linktype = (network & 0xffff) >>> 0;
    if (!isLinktypeSupported(linktype)) {
      this.fail(
        unsupported(
          'unsupported-linktype',
          `pcap: network type ${network >>> 0} unknown or unsupported`,
          abs + 20,
        ),
      );
      return 0;
    }
    this.linktype = linktype;
    this.maxPacket = maxPacketSizeForLinktype(linktype);
    this.pseudoHeader = linktypeInfo(linktype).pseudoHeaderLength;
    this.aixFddi = aix && linktype === 10;
    this.info.interfaces.push({
      linktype,
      snaplen: this.snaplen,
      tsUnitsPerSec: 1e6,
      tsOffsetSec: 0,
      section: 0,
    });
    if (aix) {
      this.useVariant(PcapVariant.Aix);
      this.state = State.Records;
    } else if (magic.kind === 'nsec') {
      this.useVariant(PcapVariant.Nsec);
      this.state = State.Records;
    } else {
      this.candidates = magic.kind === 'modified' ? MODIFIED_CANDIDATES : STANDARD_CANDIDATES;
      this.useVariant(this.candidates[0]);
      this.state = State.Probe;
    }
    return len;
  }

  private useVariant(variant: PcapVariant): void {
    this.variant = variant;
    this.hdrLen = recordHeaderLength(variant);
    const nano = variantIsNanosecond(variant);
    this.nsMultiplier = nano ? 1 : 1000;
    this.info.tsPrecision = nano ? 'nsec' : 'usec';
    const iface = this.info.interfaces[0];
    if (iface) iface.tsUnitsPerSec = nano ? 1e9 : 1e6;
  }

  private record(b: Uint8Array, v: DataView, off: number, end: number, abs: number): number {
    const h = this.hdrLen;
    if (end - off < h) return -h;
    const le = this.le;
    let incl = v.getUint32(off + 8, le);
    let orig = v.getUint32(off + 12, le);
    if (
      this.lengthOrder !== LengthOrder.Normal &&
      (this.lengthOrder === LengthOrder.Swapped || incl > orig)
    ) {
      const t = incl;
      incl = orig;
      orig = t;
    }
    if (incl > this.maxPacket) {
      const detail = `pcap: File has ${incl}-byte packet, bigger than maximum of ${this.maxPacket}`;
      this.fail(badFile(detail, abs, `record ${this.records + 1}`));
      return 0;
    }
    const total = h + incl;
    if (end - off < total) return -total;
    let data = off + h;
    let caplen = incl;
    if (this.aixFddi) {
      // AIX puts 3 bytes of padding before FDDI frames and counts them in the lengths.
      if (caplen < 3) {
        this.fail(
          badFile(
            `pcap: AIX FDDI record of ${caplen} bytes is shorter than its padding`,
            abs,
            `record ${this.records + 1}`,
          ),
        );
        return 0;
      }
      data += 3;
      caplen -= 3;
      orig -= 3;
    }
    if (this.pseudoHeader !== 0) {
      const problem = pseudoHeaderProblem(this.linktype, b, data, caplen);
      if (problem) {
        this.fail(badFile(problem, abs, `record ${this.records + 1}`));
        return 0;
      }
    }
    let sec = v.getUint32(off, le);
    // wiretap multiplies in 32 bits, so huge microsecond values wrap; do the same.
    let nsec =
      this.nsMultiplier === 1 ? v.getUint32(off + 4, le) : Math.imul(v.getUint32(off + 4, le), 1000) >>> 0;
    if (nsec >= 1e9) {
      // Out-of-range fractions occur in damaged files; RawRecord keeps them normalised.
      const carry = Math.floor(nsec / 1e9);
      sec += carry;
      nsec -= carry * 1e9;
    }
    const rec = this.rec;
    rec.index = this.records;
    rec.dataOffset = abs + (data - off);
    rec.caplen = caplen;
    rec.origlen = orig;
    rec.tsSec = sec;
    rec.tsNsec = nsec;
    rec.linktype = this.linktype;
    this.records++;
    this.sink(rec, b, data);
    return total;
  }
}
