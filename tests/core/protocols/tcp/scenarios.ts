/**
 * Hand-made TCP conversations that exercise one analysis rule each. Their expected
 * dissection comes from tshark 4.0 (fixtures/<name>.tsv, made by fixtures/make-fixtures.ts).
 * Client 10.0.0.1:40000 (ISN 1000), server 10.0.0.2:47000 (ISN 5000) unless stated.
 */
import { opt, type TcpSegmentSpec } from './packet-builder';

const synOpts = [...opt.mss(1460), ...opt.sackPerm(), ...opt.nop(), ...opt.ws(7)];

function handshake(ws = true, serverWin = 65535): TcpSegmentSpec[] {
  return [
    { t: 0, from: 'c', seq: 1000, flags: 'S', win: 64240, options: ws ? synOpts : [...opt.mss(1460)] },
    {
      t: 100,
      from: 's',
      seq: 5000,
      ack: 1001,
      flags: 'SA',
      win: serverWin,
      options: ws ? synOpts : [...opt.mss(1460)],
    },
    { t: 200, from: 'c', seq: 1001, ack: 5001, flags: 'A', win: 512 },
  ];
}

export const SCENARIOS: Record<string, TcpSegmentSpec[]> = {
  /** Lost segment, duplicate ACKs, fast retransmission, spurious retransmission, out-of-order, RTO retransmission. */
  precedence: [
    ...handshake(),
    { t: 300, from: 'c', seq: 1001, ack: 5001, flags: 'PA', win: 512, payload: 100 },
    { t: 400, from: 's', seq: 5001, ack: 1101, flags: 'A', win: 512, payload: 1000 },
    { t: 420, from: 's', seq: 7001, ack: 1101, flags: 'A', win: 512, payload: 1000 },
    { t: 440, from: 's', seq: 8001, ack: 1101, flags: 'A', win: 512, payload: 1000 },
    {
      t: 500,
      from: 'c',
      seq: 1101,
      ack: 6001,
      flags: 'A',
      win: 512,
      options: [1, 1, ...opt.sack(7001, 8001)],
    },
    {
      t: 510,
      from: 'c',
      seq: 1101,
      ack: 6001,
      flags: 'A',
      win: 512,
      options: [1, 1, ...opt.sack(7001, 9001)],
    },
    {
      t: 520,
      from: 'c',
      seq: 1101,
      ack: 6001,
      flags: 'A',
      win: 512,
      options: [1, 1, ...opt.sack(7001, 9001)],
    },
    { t: 530, from: 's', seq: 6001, ack: 1101, flags: 'A', win: 512, payload: 1000 },
    { t: 600, from: 'c', seq: 1101, ack: 9001, flags: 'A', win: 512 },
    { t: 100000, from: 's', seq: 6001, ack: 1101, flags: 'A', win: 512, payload: 1000 },
    { t: 100100, from: 's', seq: 9001, ack: 1101, flags: 'A', win: 512, payload: 1000 },
    { t: 100150, from: 's', seq: 11001, ack: 1101, flags: 'A', win: 512, payload: 1000 },
    { t: 100200, from: 's', seq: 10001, ack: 1101, flags: 'A', win: 512, payload: 1000 },
    { t: 300000, from: 's', seq: 9001, ack: 1101, flags: 'A', win: 512, payload: 1000 },
    { t: 300100, from: 'c', seq: 1101, ack: 12001, flags: 'A', win: 512 },
    { t: 300200, from: 's', seq: 12001, ack: 1101, flags: 'FA', win: 512 },
    { t: 300300, from: 'c', seq: 1101, ack: 12002, flags: 'FA', win: 512 },
    { t: 300400, from: 's', seq: 12002, ack: 1102, flags: 'A', win: 512 },
  ],
  /** Window full, zero window, zero-window probe and its ACK, window update, keep-alive and its ACK. */
  zerowindow: [
    ...handshake(false, 1000),
    { t: 300, from: 'c', seq: 1001, ack: 5001, flags: 'A', win: 65535, payload: 1000 },
    { t: 400, from: 's', seq: 5001, ack: 2001, flags: 'A', win: 0 },
    { t: 500, from: 'c', seq: 2001, ack: 5001, flags: 'A', win: 65535, payload: 1 },
    { t: 600, from: 's', seq: 5001, ack: 2001, flags: 'A', win: 0 },
    { t: 700, from: 's', seq: 5001, ack: 2001, flags: 'A', win: 1000 },
    { t: 800, from: 'c', seq: 2001, ack: 5001, flags: 'PA', win: 65535, payload: 1000 },
    { t: 900, from: 's', seq: 5001, ack: 3001, flags: 'A', win: 1000 },
    { t: 2_000_000, from: 'c', seq: 3000, ack: 5001, flags: 'A', win: 65535 },
    { t: 2_000_100, from: 's', seq: 5001, ack: 3001, flags: 'A', win: 1000 },
    { t: 4_000_000, from: 'c', seq: 3000, ack: 5001, flags: 'A', win: 65535, payload: 1 },
    { t: 4_000_100, from: 's', seq: 5001, ack: 3001, flags: 'A', win: 1000 },
  ],
  /** A closed connection, then a SYN with a new ISN on the same ports (new stream), and a SYN retransmission. */
  reuse: [
    ...handshake(),
    { t: 300, from: 'c', seq: 1001, ack: 5001, flags: 'FA', win: 512 },
    { t: 400, from: 's', seq: 5001, ack: 1002, flags: 'FA', win: 512 },
    { t: 500, from: 'c', seq: 1002, ack: 5002, flags: 'A', win: 512 },
    { t: 1_000_000, from: 'c', seq: 90000, flags: 'S', win: 64240, options: synOpts },
    { t: 2_000_000, from: 'c', seq: 90000, flags: 'S', win: 64240, options: synOpts },
    { t: 2_000_100, from: 's', seq: 70000, ack: 90001, flags: 'SA', win: 65535, options: synOpts },
    { t: 2_000_200, from: 'c', seq: 90001, ack: 70001, flags: 'A', win: 512 },
    {
      t: 2_000_300,
      from: 'c',
      seq: 90001,
      ack: 70001,
      flags: 'RA',
      win: 0,
      payload: new TextEncoder().encode('bye'),
    },
  ],
  /** Capture starts mid-connection: unknown window scale, ACK of unseen data, urgent data. */
  midstream: [
    { t: 0, from: 's', seq: 5000, ack: 1000, flags: 'PA', win: 300, payload: 100 },
    { t: 100, from: 'c', seq: 1000, ack: 5600, flags: 'A', win: 200 },
    { t: 200, from: 's', seq: 5600, ack: 1000, flags: 'PAU', win: 300, payload: 10, urgent: 5 },
    { t: 300, from: 'c', seq: 1000, ack: 5610, flags: 'A', win: 200, urgent: 7 },
    { t: 400, from: 'c', seq: 1000, ack: 5610, flags: 'A', win: 200 },
  ],
  /** Odd options: 4 NOPs, unknown kind, MSS on a non-SYN, huge window shift, D-SACK, bad lengths. */
  options: [
    {
      t: 0,
      from: 'c',
      seq: 1000,
      flags: 'S',
      win: 1000,
      options: [1, 1, 1, 1, ...opt.ws(15), 99, 4, 1, 2, ...opt.sackPerm(), 0, 7],
    },
    { t: 50, from: 'c', seq: 1000, flags: 'S', win: 1000, options: [...opt.mss(1460), 0, 0, 1, 1] },
    { t: 100, from: 's', seq: 5000, ack: 1001, flags: 'SA', win: 1000, options: [...opt.ws(2)] },
    { t: 200, from: 'c', seq: 1001, ack: 5001, flags: 'A', win: 1000, options: [...opt.mss(536)] },
    {
      t: 300,
      from: 'c',
      seq: 1001,
      ack: 5001,
      flags: 'A',
      win: 1000,
      options: [1, 1, ...opt.sack(4000, 5001)],
    },
    { t: 400, from: 'c', seq: 1001, ack: 5001, flags: 'A', win: 1000, options: [1, 1, 8, 3, 0, 0] },
    { t: 500, from: 'c', seq: 1001, ack: 5001, flags: 'A', win: 1000, options: [1, 1, 1, 8] },
    { t: 600, from: 'c', seq: 1001, ack: 5001, flags: 'A', win: 1000, options: [2, 1, 0, 0] },
    {
      t: 700,
      from: 's',
      seq: 5001,
      ack: 1001,
      flags: 'A',
      win: 1000,
      options: [...opt.sack(5001, 6001, 5500, 7001)],
    },
  ],
  /** Malformed and truncated headers. */
  broken: [
    ...handshake(),
    { t: 300, from: 'c', seq: 1001, ack: 5001, flags: 'A', win: 512, hlenOverride: 16 },
    { t: 400, from: 'c', seq: 1001, ack: 5001, flags: 'PA', win: 512, payload: 50, caplen: 14 + 20 + 12 },
    { t: 500, from: 'c', seq: 1001, ack: 5001, flags: 'PA', win: 512, payload: 50, caplen: 14 + 20 + 30 },
    { t: 600, from: 'c', seq: 1051, ack: 5001, flags: 'A', win: 512, hlenOverride: 60 },
  ],
  /** DNS over TCP split across segments, and two PDUs plus half of a third in one segment. */
  desegment: [
    { t: 0, from: 'c', seq: 1000, flags: 'S', win: 64240, options: synOpts, sport: 53 },
    { t: 100, from: 's', seq: 5000, ack: 1001, flags: 'SA', win: 65535, options: synOpts, sport: 53 },
    { t: 200, from: 'c', seq: 1001, ack: 5001, flags: 'A', win: 512, sport: 53 },
    {
      t: 300,
      from: 'c',
      seq: 1001,
      ack: 5001,
      flags: 'PA',
      win: 512,
      sport: 53,
      payload: dnsQuery(0x1234).subarray(0, 10),
    },
    {
      t: 400,
      from: 'c',
      seq: 1011,
      ack: 5001,
      flags: 'PA',
      win: 512,
      sport: 53,
      payload: dnsQuery(0x1234).subarray(10),
    },
    {
      t: 500,
      from: 'c',
      seq: 1001 + dnsQuery(0).length,
      ack: 5001,
      flags: 'PA',
      win: 512,
      sport: 53,
      payload: concat(dnsQuery(1), dnsQuery(2), dnsQuery(3).subarray(0, 20)),
    },
    {
      t: 600,
      from: 'c',
      seq: 1001 + dnsQuery(0).length * 3 + 20,
      ack: 5001,
      flags: 'PA',
      win: 512,
      sport: 53,
      payload: dnsQuery(3).subarray(20),
    },
    { t: 700, from: 's', seq: 5001, ack: 1001 + dnsQuery(0).length * 4, flags: 'A', win: 512, sport: 53 },
  ],
  /** The precedence scenario over IPv6. */
  ipv6: [
    ...handshake(),
    { t: 300, from: 'c', seq: 1001, ack: 5001, flags: 'PA', win: 512, payload: 100 },
    { t: 400, from: 's', seq: 5001, ack: 1101, flags: 'A', win: 512, payload: 1000 },
    { t: 500, from: 'c', seq: 1101, ack: 6001, flags: 'A', win: 512 },
  ],
};

/**
 * "ACKed unseen segment" after the other side stalls or jumps: one stream per follow-up of
 * the sender (data, dup ACK, window update, new ACK, jump, retransmission, keep-alive, RST
 * jump, zero window, FIN), each then ACKed beyond what was seen.
 */
SCENARIOS.ackunseen = (() => {
  const followUps: Omit<TcpSegmentSpec, 't' | 'from' | 'cport'>[] = [
    { seq: 5800, ack: 1000, flags: 'PA', win: 300, payload: 100 },
    { seq: 5100, ack: 1000, flags: 'PA', win: 300, payload: 100 },
    { seq: 5100, ack: 1000, flags: 'A', win: 300 },
    { seq: 5100, ack: 1000, flags: 'A', win: 301 },
    { seq: 5100, ack: 1001, flags: 'A', win: 300 },
    { seq: 5800, ack: 1000, flags: 'A', win: 300 },
    { seq: 5000, ack: 1000, flags: 'PA', win: 300, payload: 100 },
    { seq: 5099, ack: 1000, flags: 'A', win: 300 },
    { seq: 5800, ack: 1000, flags: 'RA', win: 300 },
    { seq: 5100, ack: 1000, flags: 'A', win: 0 },
    { seq: 5100, ack: 1000, flags: 'FA', win: 300 },
  ];
  const out: TcpSegmentSpec[] = [];
  followUps.forEach((f, i) => {
    const cport = 41000 + i;
    const t = i * 10_000;
    out.push(
      { t, from: 's', seq: 5000, ack: 1000, flags: 'PA', win: 300, payload: 100, cport },
      { t: t + 100, from: 'c', seq: 1000, ack: 5600, flags: 'A', win: 200, cport },
      { t: t + 200, from: 'c', seq: 1000, ack: 5700, flags: 'A', win: 200, cport },
      { ...f, t: t + 400, from: 's', cport },
      { t: t + 500, from: 'c', seq: 1000, ack: 6000, flags: 'A', win: 201, cport },
    );
  });
  return out;
})();

/** Scenarios sent over IPv6 instead of IPv4. */
export const V6 = new Set(['ipv6']);

function concat(...parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A length-prefixed DNS query for example.com A (the TCP framing of RFC 1035 4.2.2). */
function dnsQuery(id: number): Uint8Array {
  const name = [7, ...new TextEncoder().encode('example'), 3, ...new TextEncoder().encode('com'), 0];
  const msg = [id >> 8, id & 255, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...name, 0, 1, 0, 1];
  return new Uint8Array([msg.length >> 8, msg.length & 255, ...msg]);
}
