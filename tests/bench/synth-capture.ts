/**
 * A deterministic generator of synthetic captures for the benchmarks: many TCP connections
 * (handshake, data with loss → retransmissions and duplicate ACKs, window changes, FIN),
 * DNS over UDP and ICMP echo, written as classic pcap or pcapng. Same seed → same bytes.
 */
import { writeCapture } from './capture-writer';
import { Rng } from './rng';

export interface SynthOptions {
  packets: number;
  /** Bytes kept per packet (caplen ≤ snaplen); 65535 keeps full payloads. */
  snaplen: number;
  seed: number;
  format: 'pcap' | 'pcapng';
  /** Share of data segments lost (retransmitted later), e.g. 0.01. */
  loss: number;
  /** TCP payload size of data segments. */
  mss: number;
}

function checksum(b: Uint8Array, start: number, len: number, initial = 0): number {
  let sum = initial;
  for (let i = 0; i + 1 < len; i += 2) sum += (b[start + i] << 8) | b[start + i + 1];
  if (len & 1) sum += b[start + len - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

interface Conn {
  cli: number;
  srv: number;
  cport: number;
  sport: number;
  cseq: number;
  sseq: number;
  state: number;
  remaining: number;
  ipid: number;
  lostSeq: number;
  lostLen: number;
  dupAcks: number;
  win: number;
}

/** Writes packets through `emit(frameBytes, origLen, tsUs)`. */
export function synthesize(
  opts: SynthOptions,
  emit: (frame: Uint8Array, len: number, origLen: number, tsUs: number) => void,
): void {
  const rng = new Rng(opts.seed);
  const buf = new Uint8Array(14 + 60 + 60 + opts.mss + 100);
  const payload = new Uint8Array(opts.mss);
  for (let i = 0; i < payload.length; i++) payload[i] = 32 + (i % 95);
  let ts = 1_700_000_000 * 1e6;
  const conns: Conn[] = [];
  let nextPort = 20000;
  let written = 0;

  const eth = (type: number): void => {
    buf.set([2, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 16], 0);
    buf[12] = type >> 8;
    buf[13] = type & 255;
  };
  const ipv4 = (src: number, dst: number, proto: number, payloadLen: number, id: number): void => {
    const o = 14;
    const total = 20 + payloadLen;
    buf[o] = 0x45;
    buf[o + 1] = 0;
    buf[o + 2] = total >> 8;
    buf[o + 3] = total & 255;
    buf[o + 4] = (id >> 8) & 255;
    buf[o + 5] = id & 255;
    buf[o + 6] = 0x40;
    buf[o + 7] = 0;
    buf[o + 8] = 64;
    buf[o + 9] = proto;
    buf[o + 10] = 0;
    buf[o + 11] = 0;
    for (let i = 0; i < 4; i++) {
      buf[o + 12 + i] = (src >>> (24 - 8 * i)) & 255;
      buf[o + 16 + i] = (dst >>> (24 - 8 * i)) & 255;
    }
    const c = checksum(buf, o, 20);
    buf[o + 10] = c >> 8;
    buf[o + 11] = c & 255;
  };
  const put32 = (o: number, v: number): void => {
    buf[o] = (v >>> 24) & 255;
    buf[o + 1] = (v >>> 16) & 255;
    buf[o + 2] = (v >>> 8) & 255;
    buf[o + 3] = v & 255;
  };
  const out = (len: number): void => {
    ts += 20 + rng.int(400);
    const cap = Math.min(len, opts.snaplen);
    emit(buf, cap, len, ts);
    written++;
  };
  const tcp = (
    c: Conn,
    fromClient: boolean,
    flags: number,
    seq: number,
    ack: number,
    dataLen: number,
    win: number,
  ): void => {
    eth(0x0800);
    const o = 34;
    const optLen = flags & 0x02 ? 12 : 0;
    const hl = 20 + optLen;
    ipv4(fromClient ? c.cli : c.srv, fromClient ? c.srv : c.cli, 6, hl + dataLen, c.ipid++ & 0xffff);
    const sp = fromClient ? c.cport : c.sport;
    const dp = fromClient ? c.sport : c.cport;
    buf[o] = sp >> 8;
    buf[o + 1] = sp & 255;
    buf[o + 2] = dp >> 8;
    buf[o + 3] = dp & 255;
    put32(o + 4, seq >>> 0);
    put32(o + 8, ack >>> 0);
    buf[o + 12] = (hl / 4) << 4;
    buf[o + 13] = flags;
    buf[o + 14] = win >> 8;
    buf[o + 15] = win & 255;
    buf[o + 16] = 0;
    buf[o + 17] = 0;
    buf[o + 18] = 0;
    buf[o + 19] = 0;
    if (optLen) buf.set([2, 4, 5, 180, 1, 3, 3, 7, 4, 2, 1, 1], o + 20);
    if (dataLen) buf.set(payload.subarray(0, dataLen), o + hl);
    out(14 + 20 + hl + dataLen);
  };
  const udpDns = (q: boolean, cli: number, port: number, id: number): void => {
    eth(0x0800);
    const name = [7, 101, 120, 97, 109, 112, 108, 101, 3, 99, 111, 109, 0];
    const dnsLen = 12 + name.length + 4 + (q ? 0 : 16);
    ipv4(q ? cli : 0xc0a80135, q ? 0xc0a80135 : cli, 17, 8 + dnsLen, id);
    const o = 34;
    const sp = q ? port : 53;
    const dp = q ? 53 : port;
    buf.set([sp >> 8, sp & 255, dp >> 8, dp & 255, (8 + dnsLen) >> 8, (8 + dnsLen) & 255, 0, 0], o);
    const d = o + 8;
    buf.set([id >> 8, id & 255, q ? 1 : 0x81, q ? 0 : 0x80, 0, 1, 0, q ? 0 : 1, 0, 0, 0, 0], d);
    buf.set(name, d + 12);
    buf.set([0, 1, 0, 1], d + 12 + name.length);
    if (!q) buf.set([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 168, 1, 100], d + 16 + name.length);
    out(34 + 8 + dnsLen);
  };
  const icmpEcho = (req: boolean, cli: number, seq: number): void => {
    eth(0x0800);
    ipv4(req ? cli : 0xc0a80101, req ? 0xc0a80101 : cli, 1, 8 + 56, seq);
    const o = 34;
    buf[o] = req ? 8 : 0;
    buf[o + 1] = 0;
    buf[o + 2] = 0;
    buf[o + 3] = 0;
    buf.set([0, 1, seq >> 8, seq & 255], o + 4);
    buf.set(payload.subarray(0, 56), o + 8);
    const c = checksum(buf, o, 64);
    buf[o + 2] = c >> 8;
    buf[o + 3] = c & 255;
    out(34 + 64);
  };

  while (written < opts.packets) {
    const r = rng.next();
    if (r < 0.02) {
      const cli = 0xc0a80100 + 10 + rng.int(50);
      const port = 30000 + rng.int(30000);
      const id = rng.int(65536);
      udpDns(true, cli, port, id);
      udpDns(false, cli, port, id);
      continue;
    }
    if (r < 0.03) {
      const cli = 0xc0a80100 + 10 + rng.int(50);
      const seq = rng.int(65536);
      icmpEcho(true, cli, seq);
      icmpEcho(false, cli, seq);
      continue;
    }
    if (conns.length < 200 && (conns.length === 0 || rng.next() < 0.05)) {
      const c: Conn = {
        cli: 0xc0a80100 + 10 + rng.int(50),
        srv: 0xc0a80164 + rng.int(4),
        cport: nextPort,
        sport: rng.next() < 0.5 ? 80 : 443,
        cseq: rng.int(2 ** 31),
        sseq: rng.int(2 ** 31),
        state: 0,
        remaining: 20 + rng.int(3000),
        ipid: rng.int(65536),
        lostSeq: -1,
        lostLen: 0,
        dupAcks: 0,
        win: 502,
      };
      nextPort = nextPort >= 65000 ? 20000 : nextPort + 1;
      conns.push(c);
    }
    const ci = rng.int(conns.length);
    const c = conns[ci];
    switch (c.state) {
      case 0:
        tcp(c, true, 0x02, c.cseq, 0, 0, 64240);
        c.cseq++;
        c.state = 1;
        break;
      case 1:
        tcp(c, false, 0x12, c.sseq, c.cseq, 0, 65160);
        c.sseq++;
        c.state = 2;
        break;
      case 2:
        tcp(c, true, 0x10, c.cseq, c.sseq, 0, 502);
        tcp(c, true, 0x18, c.cseq, c.sseq, 80, 502);
        c.cseq += 80;
        c.state = 3;
        break;
      case 3: {
        // Server sends two segments, client ACKs; some segments are "lost" before the capture point.
        for (let k = 0; k < 2; k++) {
          const len = opts.mss;
          if (c.lostSeq < 0 && rng.next() < opts.loss) {
            c.lostSeq = c.sseq;
            c.lostLen = len;
          } else {
            tcp(c, false, 0x10, c.sseq, c.cseq, len, 509);
          }
          c.sseq += len;
          c.remaining--;
        }
        if (c.lostSeq >= 0) {
          tcp(c, true, 0x10, c.cseq, c.lostSeq, 0, c.win);
          if (++c.dupAcks >= 3) {
            tcp(c, false, 0x10, c.lostSeq, c.cseq, c.lostLen, 509);
            c.lostSeq = -1;
            c.dupAcks = 0;
            tcp(c, true, 0x10, c.cseq, c.sseq, 0, c.win);
          }
        } else {
          c.win = 400 + rng.int(200);
          tcp(c, true, 0x10, c.cseq, c.sseq, 0, c.win);
        }
        if (c.remaining <= 0 && c.lostSeq < 0) c.state = 4;
        break;
      }
      case 4:
        tcp(c, true, 0x11, c.cseq, c.sseq, 0, 502);
        tcp(c, false, 0x11, c.sseq, c.cseq + 1, 0, 509);
        tcp(c, true, 0x10, c.cseq + 1, c.sseq + 1, 0, 502);
        conns.splice(ci, 1);
        break;
    }
  }
}

/** Writes a synthetic capture to `path`; returns its size in bytes and packet count. */
export function writeSyntheticCapture(path: string, opts: SynthOptions): { bytes: number; packets: number } {
  return writeCapture(path, opts.format, opts.snaplen, (emit) => synthesize(opts, emit));
}
