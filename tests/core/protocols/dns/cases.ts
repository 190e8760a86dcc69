/**
 * Hand-made DNS captures for the DNS tests. Each builder returns a classic pcap; the expected
 * values in dns.test.ts were read from tshark 4.0 on these exact bytes (write a builder's
 * output to a file and run `tshark -n -r FILE -T fields -E occurrence=a -e ...`).
 */
import { CLIENT4, PcapBuilder, SERVER4, type Endpoint } from '../pcap-builder';

export const u16 = (v: number): number[] => [(v >> 8) & 255, v & 255];
export const u32 = (v: number): number[] => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const chars = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** A domain name in wire format (uncompressed); "" is the root. */
export function name(s: string): number[] {
  const out: number[] = [];
  if (s) for (const l of s.split('.')) out.push(l.length, ...chars(l));
  out.push(0);
  return out;
}

export function header(id: number, flags: number, qd: number, an: number, ns: number, ar: number): number[] {
  return [...u16(id), ...u16(flags), ...u16(qd), ...u16(an), ...u16(ns), ...u16(ar)];
}

export function question(n: number[], type: number, cls = 1): number[] {
  return [...n, ...u16(type), ...u16(cls)];
}

export function rr(
  n: number[],
  type: number,
  cls: number,
  ttl: number,
  data: number[],
  dataLen = data.length,
): number[] {
  return [...n, ...u16(type), ...u16(cls), ...u32(ttl), ...u16(dataLen), ...data];
}

const CLIENT: Endpoint = { ip: CLIENT4, port: 40000 };
const SERVER: Endpoint = { ip: SERVER4, port: 53 };

function udpExchange(messages: [fromClient: boolean, bytes: number[]][], server = SERVER): Uint8Array {
  const p = new PcapBuilder();
  for (const [fromClient, m] of messages) {
    if (fromClient) p.udp(CLIENT, server, new Uint8Array(m), true);
    else p.udp(server, CLIENT, new Uint8Array(m), false);
  }
  return p.build();
}

const QUERY_WWW = [...header(0x1234, 0x0100, 1, 0, 0, 0), ...question(name('www.example.com'), 1)];
const ANSWER_WWW = [
  ...header(0x1234, 0x8180, 1, 2, 0, 0),
  ...question(name('www.example.com'), 1),
  ...rr([0xc0, 12], 5, 1, 300, name('web.example.com')),
  ...rr([0xc0, 45], 1, 1, 60, [192, 0, 2, 7]),
];

/** A query, its retransmission, and the answer (CNAME + A with compression pointers). */
export function queryRetransmitAnswer(): Uint8Array {
  return udpExchange([
    [true, QUERY_WWW],
    [true, QUERY_WWW],
    [false, ANSWER_WWW],
    [false, ANSWER_WWW],
  ]);
}

/** Two DNS messages in one TCP segment, then one message split over two segments. */
export function tcpMessages(): Uint8Array {
  const p = new PcapBuilder();
  const f = p.tcp(CLIENT, SERVER).handshake();
  const q1 = [...header(1, 0x0100, 1, 0, 0, 0), ...question(name('a.example'), 1)];
  const q2 = [...header(2, 0x0100, 1, 0, 0, 0), ...question(name('b.example'), 28)];
  f.send('c', new Uint8Array([...u16(q1.length), ...q1, ...u16(q2.length), ...q2]));
  const a1 = [
    ...header(1, 0x8180, 1, 1, 0, 0),
    ...question(name('a.example'), 1),
    ...rr([0xc0, 12], 1, 1, 5, [10, 0, 0, 1]),
  ];
  const whole = [...u16(a1.length), ...a1];
  f.send('s', new Uint8Array(whole.slice(0, 20)));
  f.send('s', new Uint8Array(whole.slice(20)));
  return p.build();
}

/** Broken messages: a record claiming more data than the packet has, a compression loop, an
 * over-long name, a reserved label type, a name cut by the snaplen. */
export function malformed(): Uint8Array {
  const p = new PcapBuilder();
  const send = (m: number[], caplen?: number): void => {
    p.udp(SERVER, CLIENT, new Uint8Array(m), false);
    if (caplen !== undefined) p.cutLast(caplen);
  };
  send([
    ...header(1, 0x8180, 0, 2, 0, 0),
    ...rr(name('a.b'), 1, 1, 60, [1, 2, 3, 4]),
    ...rr([0], 16, 1, 60, [3], 40),
  ]);
  send([...header(2, 0x0100, 1, 0, 0, 0), 0xc0, 12, ...u16(1), ...u16(1)]);
  const long: number[] = [];
  for (let i = 0; i < 5; i++) long.push(63, ...new Array<number>(63).fill(0x61));
  send([...header(3, 0x0100, 1, 0, 0, 0), ...long, 0, ...u16(1), ...u16(1)]);
  send([...header(4, 0x0100, 1, 0, 0, 0), 0x81, 0x61, 0, ...u16(1), ...u16(1)]);
  send([...header(5, 0x0100, 1, 0, 0, 0), ...question(name('www.example.org'), 1)], 14 + 20 + 8 + 12 + 6);
  return p.build();
}

/** mDNS: a QU question, then an answer with the cache-flush bit and a UTF-8 TXT string. */
export function mdns(): Uint8Array {
  const a: Endpoint = { ip: CLIENT4, port: 5353 };
  const group: Endpoint = { ip: [224, 0, 0, 251], port: 5353 };
  const p = new PcapBuilder();
  p.udp(
    a,
    group,
    new Uint8Array([...header(0, 0, 1, 0, 0, 0), ...question(name('printer.local'), 16, 0x8001)]),
  );
  const txt = [11, ...chars('note=caf'), 0xc3, 0xa9, 0x21];
  p.udp(
    a,
    group,
    new Uint8Array([...header(0, 0x8400, 0, 1, 0, 0), ...rr(name('printer.local'), 16, 0x8001, 120, txt)]),
  );
  return p.build();
}

/** A query and response on UDP port 8053, found by the dns_udp heuristic. */
export function heuristicPort(): Uint8Array {
  return udpExchange(
    [
      [true, QUERY_WWW],
      [false, ANSWER_WWW],
    ],
    { ip: SERVER4, port: 8053 },
  );
}

/** EDNS(0): client subnet, cookie, padding, extended error; and DNSSEC records. */
export function ednsAndDnssec(): Uint8Array {
  const options = [
    ...[...u16(8), ...u16(7), ...u16(1), 24, 0, 198, 51, 100],
    ...[...u16(10), ...u16(24), 1, 2, 3, 4, 5, 6, 7, 8, ...new Array<number>(16).fill(0xee)],
    ...[...u16(12), ...u16(0)],
    ...[...u16(15), ...u16(6), ...u16(18), ...chars('nope')],
  ];
  const opt = [0, ...u16(41), ...u16(1232), 0, 0, ...u16(0x8000), ...u16(options.length), ...options];
  const q = [...header(7, 0x0120, 1, 0, 0, 1), ...question(name('example.net'), 48), ...opt];
  const key = [...u16(257), 3, 13, ...Array.from({ length: 32 }, (_, i) => i * 7)];
  const sig = [
    ...u16(48),
    13,
    2,
    ...u32(3600),
    ...u32(1700000000),
    ...u32(1690000000),
    ...u16(4242),
    ...name('example.net'),
    9,
    8,
    7,
    6,
  ];
  const nsec = [...name('z.example.net'), 0, 5, 0x40, 0x01, 0x00, 0x00, 0x03];
  const nsec3 = [
    1,
    1,
    ...u16(10),
    2,
    0xab,
    0xcd,
    20,
    ...Array.from({ length: 20 }, (_, i) => i * 13),
    0,
    1,
    0x40,
  ];
  const r = [
    ...header(7, 0x81a0, 1, 4, 0, 0),
    ...question(name('example.net'), 48),
    ...rr([0xc0, 12], 48, 1, 3600, key),
    ...rr([0xc0, 12], 46, 1, 3600, sig),
    ...rr([0xc0, 12], 47, 1, 3600, nsec),
    ...rr(name('abc.example.net'), 50, 1, 3600, nsec3),
  ];
  return udpExchange([
    [true, q],
    [false, r],
  ]);
}

/** SRV, NAPTR, CAA, SOA, HTTPS and an undecoded type. */
export function recordTypes(): Uint8Array {
  const https = [
    ...u16(1),
    0,
    ...u16(1),
    ...u16(6),
    2,
    ...chars('h2'),
    2,
    ...chars('h3'),
    ...u16(3),
    ...u16(2),
    ...u16(8443),
    ...u16(4),
    ...u16(4),
    192,
    0,
    2,
    1,
  ];
  const m = [
    ...header(11, 0x8180, 0, 6, 0, 0),
    ...rr(name('_sip._tcp.example.com'), 33, 1, 60, [
      ...u16(1),
      ...u16(2),
      ...u16(5060),
      ...name('sip.example.com'),
    ]),
    ...rr(name('example.com'), 35, 1, 60, [
      ...u16(10),
      ...u16(20),
      1,
      ...chars('S'),
      3,
      ...chars('SIP'),
      0,
      ...name('_sip._udp.example.com'),
    ]),
    ...rr(name('example.com'), 257, 1, 60, [0x80, 5, ...chars('issue'), ...chars('letsencrypt.org')]),
    ...rr(name('example.com'), 6, 1, 60, [
      ...name('ns.example.com'),
      ...name('admin.example.com'),
      ...u32(2024),
      ...u32(3600),
      ...u32(600),
      ...u32(86400),
      ...u32(300),
    ]),
    ...rr(name('example.com'), 65, 1, 60, https),
    ...rr(name('example.com'), 256, 1, 60, [0, 10, 0, 1, ...chars('https://example.com/')]),
  ];
  return udpExchange([[false, m]]);
}
