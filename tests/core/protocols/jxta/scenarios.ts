/**
 * JXTA captures for the tshark comparison: iperf3-like transfers captured with a small
 * snaplen (the corpus's iperf-loss case, where the heuristic's header walk runs into the cut),
 * with first bytes biased towards the interesting lengths, and hand-made JXTA streams
 * (welcome messages, framed messages, incomplete ones). A framed message split over two
 * segments of a connection already known as JXTA is left out: tshark 4.0 hits a dissector
 * assertion in TCP there.
 */
import { CLIENT4, PcapBuilder, SERVER4, ascii, concatBytes, type TcpFlow } from '../pcap-builder';
import { Rng } from '../payload-fixtures/prng';
import type { Scenario } from '../payload-fixtures/harness';

export const JXTA_FIELDS = [
  'jxta.welcome',
  'jxta.welcome.initiator',
  'jxta.welcome.signature',
  'jxta.welcome.destAddr',
  'jxta.welcome.pubAddr',
  'jxta.welcome.peerid',
  'jxta.welcome.noPropFlag',
  'jxta.welcome.msgVersion',
  'jxta.welcome.variable',
  'jxta.welcome.version',
  'jxta.framing.header.name',
  'jxta.framing.header.valuelen',
  'jxta.framing.header.value',
  '_ws.col.Source',
  '_ws.col.Destination',
];

/** Ethernet + IPv4 + TCP without options. */
const HEADERS = 54;

function flow(p: PcapBuilder, server: number, n: number): TcpFlow {
  return p.tcp({ ip: CLIENT4, port: 40000 + n }, { ip: SERVER4, port: server }).handshake();
}

/** One framing header: name length, name, value length, value. */
function header(name: string, value: Uint8Array): Uint8Array {
  return concatBytes([name.length], ascii(name), [value.length >> 8, value.length & 255], value);
}

function u64(n: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
}

/** A framed message: content-type and content-length headers, the end marker, the body. */
function framed(type: string, body: string, extra: Uint8Array[] = []): Uint8Array {
  return concatBytes(
    ...extra,
    header('Content-Type', ascii(type)),
    header('content-length', u64(body.length)),
    [0],
    ascii(body),
  );
}

const PEER_A = 'urn:jxta:uuid-59616261646162614A78746150325033';
const PEER_B = 'urn:jxta:uuid-8A2BB60D4DCE4D8C8D0F71E7C0CF5D2703';

function handmade(): Uint8Array {
  const p = new PcapBuilder();
  // A full connection: both welcomes, then messages (the peers' URIs become the addresses).
  const a = flow(p, 9701, 0);
  a.send('c', `JXTAHELLO tcp://192.168.1.100:9701 tcp://192.168.1.10:9701 ${PEER_A} 1 1.1\r\n`);
  a.send('s', `JXTAHELLO tcp://192.168.1.10:9701 tcp://192.168.1.100:9701 ${PEER_B} 1 1.1\r\n`);
  a.send('c', framed('text/plain', 'hello world\n'));
  a.send('s', framed('text/plain; charset=UTF-8', 'pong\nmore\n'));
  a.send('c', framed('application/octet-stream', '\u0001\u0002'));
  a.send('c', framed('application/x-foo; a=b', 'zzzz')); // no dissector: "Media Type"
  a.send('c', concatBytes(header('x', ascii('y')), [0], ascii('no content type')));
  a.send('c', 'JXTAHE');
  a.send('c', 'LLO tcp://a tcp://b urn:jxta:c 1 1.1\n');
  a.ack('s');
  // Welcomes of other shapes: version 3.0 with a message version, an unrecognized version,
  // too few tokens (rejected after the columns were set), a line still incomplete.
  const b = flow(p, 9702, 1);
  b.send('c', `JXTAHELLO tcp://x tcp://y ${PEER_A} 0 2 3.0\r\n`);
  b.send('s', `JXTAHELLO tcp://y tcp://x ${PEER_B} 7 8 9 2.5\n`);
  const c = flow(p, 9703, 2);
  c.send('c', 'JXTAHELLO tcp://x tcp://y\r\n');
  c.send('s', 'JXTAHELLO tcp://y tcp://x urn:jxta:z\r\n');
  const d = flow(p, 9704, 3);
  d.send('c', 'JXTAHELLO tcp://x tcp://y urn');
  d.send('c', ' 1.1\r\n');
  // A framed message in the middle of a connection without welcome (the heuristic alone).
  const e = flow(p, 5201, 4);
  e.send('c', framed('text/plain', 'mid-stream\n'));
  e.send('c', framed('text/plain', 'x'.repeat(40)).subarray(0, 50));
  e.send('s', 'short');
  return p.build();
}

/**
 * A 1448-byte segment whose first bytes make the header walk end near `cap` (the captured
 * payload length): a name length reaching it directly, or one header whose value does.
 */
function biasedSegment(r: Rng, cap: number): Uint8Array {
  const b = r.bytes(1448);
  const kind = r.int(10);
  if (kind < 4) {
    b[0] = Math.max(0, Math.min(255, cap - 1 + r.int(6) - 3));
  } else if (kind < 6) {
    const nameLen = 1 + r.int(12);
    b[0] = nameLen;
    const valueLen = Math.max(0, cap - (3 + nameLen) + r.int(5) - 2);
    b[1 + nameLen] = valueLen >> 8;
    b[2 + nameLen] = valueLen & 255;
  } else if (kind === 6) {
    b[0] = 0;
  }
  return b;
}

function iperf(seed: number, port: number): () => Uint8Array {
  return () => {
    const r = new Rng(seed);
    const p = new PcapBuilder();
    const cookie = ascii('xdzeq4ok7kikequ42hq4n7gktngfpm3m3ql\0');
    // Control connection: cookie, state bytes, length-prefixed JSON, as iperf3 sends them.
    const ctl = flow(p, port, 0);
    ctl.send('c', cookie, { caplen: HEADERS + 30 });
    ctl.send('s', Uint8Array.of(9));
    ctl.send('c', Uint8Array.of(0, 0, 0, 0x7b));
    ctl.send('c', ascii(`{"tcp":true,"omit":0,"time":4,"num":0,"blockcount":0,"parallel":1,"len":131072}`), {
      caplen: HEADERS + 30,
    });
    ctl.send('s', Uint8Array.of(10));
    // Data connection: the cookie, then random blocks cut by the snaplen.
    const data = flow(p, port, 1);
    data.send('c', cookie, { caplen: HEADERS + 30 });
    for (let i = 0; i < 400; i++) {
      const cap = r.chance(0.6) ? 30 : 1 + r.int(120);
      data.send('c', biasedSegment(r, cap), { caplen: HEADERS + cap, flags: 'A' });
      if (r.chance(0.3)) data.ack('s');
    }
    ctl.send('s', Uint8Array.of(16));
    return p.build();
  };
}

export const JXTA_SCENARIOS: Scenario[] = [
  {
    name: 'jxta-handmade',
    about: 'welcome messages, framed messages (whole, incomplete, bad), peer URIs as addresses',
    fields: JXTA_FIELDS,
    build: handmade,
  },
  ...[
    [1, 5201],
    [2, 5202],
    [3, 46000],
  ].map(([seed, port]) => ({
    name: `jxta-iperf-${seed}`,
    about: `iperf3-like transfer to port ${port} captured with a small snaplen`,
    fields: JXTA_FIELDS,
    build: iperf(seed, port),
  })),
];
