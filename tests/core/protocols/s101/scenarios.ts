/**
 * S101 on TCP port 9000 (Wireshark's default), where the corpus has an HTTP server: text and
 * random payloads must be declined exactly as tshark does (HTTP then found by its heuristic),
 * valid frame headers accepted, short ones throwing at the same byte.
 */
import { CLIENT4, PcapBuilder, SERVER4 } from '../pcap-builder';
import { Rng } from '../payload-fixtures/prng';
import type { Scenario } from '../payload-fixtures/harness';

export const S101_FIELDS = [
  's101.format',
  's101.slot',
  's101.msgtype',
  's101.cmdtype',
  's101.version',
  'http.request.method',
];

const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));

function handmade(): Uint8Array {
  const p = new PcapBuilder();
  const web = p.tcp({ ip: CLIENT4, port: 40000 }, { ip: SERVER4, port: 9000 }).handshake();
  web.send('c', 'GET /download.bin HTTP/1.1\r\nHost: 192.168.1.100:9000\r\n\r\n');
  web.send('s', 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd');
  const raw = p.tcp({ ip: CLIENT4, port: 40001 }, { ip: SERVER4, port: 9000 }).handshake();
  for (const m of [
    'fe000e0001', // keep-alive request header, nothing after it
    'fe000e0201aabbccddeeff', // keep-alive response with trailing bytes
    'fe000e00', // too short to look at
    'fe000e0001c001', // Ember command cut inside its header: malformed
    'fe000e0001c0010231', // Ember header without app bytes: malformed
    'fe010e0001', // wrong slot: declined
    'f802aabb000e0101', // variant 2 header
    'fefd20fd2e0001', // escaped header bytes
    '4142434445',
  ]) {
    raw.send('c', hex(m)).ack('s');
  }
  return p.build();
}

function random(seed: number): () => Uint8Array {
  return () => {
    const r = new Rng(seed);
    const p = new PcapBuilder();
    const f = p.tcp({ ip: CLIENT4, port: 40000 }, { ip: SERVER4, port: 9000 }).handshake();
    for (let i = 0; i < 120; i++) {
      const b = r.bytes(5 + r.int(40));
      if (r.chance(0.5)) b[0] = r.pick([0xfe, 0xf8]);
      if (r.chance(0.5)) b.set([0x00, 0x0e, r.int(3), 0x01], 1);
      f.send('c', b);
    }
    return p.build();
  };
}

export const S101_SCENARIOS: Scenario[] = [
  {
    name: 's101-handmade',
    about: 'HTTP on port 9000, S101 headers valid, short and wrong',
    fields: S101_FIELDS,
    build: handmade,
  },
  {
    name: 's101-random-1',
    about: 'random payloads with S101 header bytes planted',
    fields: S101_FIELDS,
    build: random(1),
  },
];
