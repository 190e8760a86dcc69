import { TcpFollower, UdpFollower, type FollowChunk, type FollowResult } from '../../core/analysis/follow';
import { udpFollowDatagrams } from '../../core/analysis/udp-follow';
import { AT, formatAddress, type Address } from '../../core/dissect/address';
import type { DissectedFrame } from '../../core/dissect/frame';
import { followSegmentsOf, type TcpFollowSegment } from '../../core/protocols/tcp/follow-record';
import type { ZHandler, ZTap } from './types';

type Mode = 'hex' | 'ascii' | 'raw';

interface Endpoint {
  addr: string;
  port: number;
  v6: boolean;
}

interface FollowArgs {
  proto: 'tcp' | 'udp';
  mode: Mode;
  stream: number;
  endpoints: [Endpoint, Endpoint] | null;
  chunkMin: number;
  chunkMax: number;
}

const RULE = '===================================================================';

function parseEndpoint(s: string): Endpoint | null {
  let m = /^\[([^\]]{1,80})\]:(\d+)$/.exec(s);
  if (m) return { addr: m[1], port: Number(m[2]), v6: true };
  m = /^([^:]{1,80}):(\d+)$/.exec(s);
  if (m) return { addr: m[1], port: Number(m[2]), v6: false };
  return null;
}

/** Parses "follow,tcp,ascii,3" / "follow,udp,raw,10.0.0.1:53,10.0.0.2:4000[,range]" like tshark. */
function parseFollow(arg: string): FollowArgs | { error: string } {
  const m = /^follow,(tcp|udp),([a-z]+)(.*)$/.exec(arg);
  if (!m) return { error: 'follow - Invalid display mode.' };
  const proto = m[1] as 'tcp' | 'udp';
  if (m[2] !== 'hex' && m[2] !== 'ascii' && m[2] !== 'raw')
    return { error: 'follow - Invalid display mode.' };
  const mode = m[2] as Mode;
  const parts = m[3].split(',').slice(1);
  let stream = -1;
  let endpoints: [Endpoint, Endpoint] | null = null;
  if (parts.length > 0 && /^\d+$/.test(parts[0])) {
    stream = Number(parts.shift());
  } else {
    const a = parts.length > 0 ? parseEndpoint(parts[0]) : null;
    const b = parts.length > 1 ? parseEndpoint(parts[1]) : null;
    if (!a || !b) return { error: 'follow - Invalid address.' };
    for (const e of [a, b]) if (e.port <= 0 || e.port > 65535) return { error: 'follow - Invalid port.' };
    if (a.v6 !== b.v6) return { error: 'follow - Mismatched IP address types.' };
    endpoints = [a, b];
    parts.splice(0, 2);
  }
  let chunkMin = 1;
  let chunkMax = 0xffffffff;
  if (parts.length > 0) {
    const r = /^(\d+)(?:-(\d+))?$/.exec(parts.shift() as string);
    if (!r) return { error: 'follow - Invalid range.' };
    chunkMin = Number(r[1]);
    chunkMax = r[2] !== undefined ? Number(r[2]) : chunkMin;
    if (chunkMin < 1 || chunkMin > chunkMax) return { error: 'follow - Invalid range value.' };
  }
  if (parts.length > 0) return { error: 'follow - Invalid parameter.' };
  return { proto, mode, stream, endpoints, chunkMin, chunkMax };
}

function filterText(a: FollowArgs): string {
  if (a.stream >= 0 || !a.endpoints) return `${a.proto}.stream eq ${a.stream}`;
  const [x, y] = a.endpoints;
  const v = x.v6 ? 'v6' : '';
  const p = a.proto;
  return (
    `((ip${v}.src eq ${x.addr} and ${p}.srcport eq ${x.port}) and (ip${v}.dst eq ${y.addr} and ${p}.dstport eq ${y.port}))` +
    ` or ((ip${v}.src eq ${y.addr} and ${p}.srcport eq ${y.port}) and (ip${v}.dst eq ${x.addr} and ${p}.dstport eq ${x.port}))`
  );
}

function endpointIs(addr: Address, port: number, e: Endpoint): boolean {
  if (port !== e.port) return false;
  if ((addr.type === AT.IPv6) !== e.v6) return false;
  return formatAddress(addr) === e.addr;
}

/** Whether a segment belongs to the followed address/port pair (either direction). */
function pairMatches(a: FollowArgs, src: Address, sp: number, dst: Address, dp: number): boolean {
  const pair = a.endpoints as [Endpoint, Endpoint];
  return (
    (endpointIs(src, sp, pair[0]) && endpointIs(dst, dp, pair[1])) ||
    (endpointIs(src, sp, pair[1]) && endpointIs(dst, dp, pair[0]))
  );
}

const HEX = '0123456789abcdef';

/** tshark's hex dump of one chunk: offset, 16 bytes in two groups of 8, then ASCII. */
function hexLines(prefix: string, offset: number, data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length; i += 16) {
    let hex = '';
    let asc = '';
    const n = Math.min(16, data.length - i);
    for (let j = 0; j < n; j++) {
      const v = data[i + j];
      hex += HEX[v >> 4] + HEX[v & 15] + ' ';
      asc += v >= 0x20 && v < 0x7f ? String.fromCharCode(v) : '.';
      if (j === 7) {
        hex += ' ';
        asc += ' ';
      }
    }
    if (asc.endsWith(' ')) asc = asc.slice(0, -1);
    const off = (offset + i).toString(16).toUpperCase().padStart(8, '0');
    out += `${prefix}${off}  ${hex.padEnd(49, ' ')} ${asc}\n`;
  }
  return out;
}

/**
 * Streams run to megabytes: their text is built as bytes and decoded once, not grown a
 * character at a time (every character was a new string and garbage).
 */
const latin1 = new TextDecoder('latin1');
const HEX_CODES = new TextEncoder().encode(HEX);

/** ASCII mode keeps printable characters, CR and LF; everything else (tabs too) becomes '.'. */
function asciiText(data: Uint8Array): string {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    out[i] = (v >= 0x20 && v < 0x7f) || v === 0x0a || v === 0x0d ? v : 0x2e;
  }
  return latin1.decode(out);
}

function rawHex(data: Uint8Array): string {
  const out = new Uint8Array(data.length * 2);
  for (let i = 0; i < data.length; i++) {
    out[2 * i] = HEX_CODES[data[i] >> 4];
    out[2 * i + 1] = HEX_CODES[data[i] & 15];
  }
  return latin1.decode(out);
}

/** The report text exactly as tshark prints it for one followed stream. */
export function formatFollow(a: FollowArgs, r: FollowResult): string {
  let out = `\n${RULE}\nFollow: ${a.proto},${a.mode}\nFilter: ${filterText(a)}\n`;
  out += `Node 0: ${r.client || ':0'}\nNode 1: ${r.server || ':0'}\n`;
  let clientPos = 0;
  let serverPos = 0;
  r.chunks.forEach((c: FollowChunk, i) => {
    const server = c.dir === 's2c';
    const chunkNo = i + 1;
    const pos = server ? serverPos : clientPos;
    if (server) serverPos += c.bytes.length;
    else clientPos += c.bytes.length;
    if (chunkNo < a.chunkMin || chunkNo > a.chunkMax) return;
    const tab = server ? '\t' : '';
    if (a.mode === 'hex') out += hexLines(tab, pos, c.bytes);
    else if (a.mode === 'ascii') out += `${tab}${c.bytes.length}\n${asciiText(c.bytes)}\n`;
    else out += `${tab}${rawHex(c.bytes)}\n`;
  });
  return out + `${RULE}\n`;
}

class FollowTap implements ZTap {
  readonly needsTree: boolean;
  private readonly tcp = new TcpFollower();
  private readonly udp = new UdpFollower();

  constructor(private readonly args: FollowArgs) {
    this.needsTree = args.proto === 'udp';
  }

  private wantTcp(s: TcpFollowSegment): boolean {
    if (this.args.stream >= 0) return s.stream === this.args.stream;
    return pairMatches(this.args, s.src, s.srcPort, s.dst, s.dstPort);
  }

  onFrame(d: DissectedFrame): void {
    if (this.args.proto === 'tcp') {
      for (const s of followSegmentsOf(d.pinfo)) if (this.wantTcp(s)) this.tcp.add(s);
      return;
    }
    for (const g of udpFollowDatagrams(d)) {
      const want =
        this.args.stream >= 0
          ? g.stream === this.args.stream
          : pairMatches(this.args, g.src, g.srcPort, g.dst, g.dstPort);
      if (want) this.udp.add(d.pinfo.num, g.src, g.srcPort, g.dst, g.dstPort, g.payload);
    }
  }

  finish(): string {
    return formatFollow(this.args, this.args.proto === 'tcp' ? this.tcp.result() : this.udp.result());
  }
}

/** `-z follow,tcp|udp,hex|ascii|raw,<stream>|<addr:port>,<addr:port>[,<chunk range>]` */
export const followHandler: ZHandler = {
  matches: (arg) => arg.startsWith('follow,'),
  create(arg) {
    const a = parseFollow(arg);
    if ('error' in a) return a;
    return new FollowTap(a);
  },
};
