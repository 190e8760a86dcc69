/**
 * SigComp captures for the tshark comparison: hand-made messages (every framing and message
 * path), and seeded random streams like the corpus's zero-window transfer (random bytes to the
 * SigComp port), some with SigComp tokens planted so that the rare paths occur.
 */
import { CLIENT4, PcapBuilder, SERVER4, type TcpFlow } from '../pcap-builder';
import { Rng } from '../payload-fixtures/prng';
import type { Scenario } from '../payload-fixtures/harness';

export const SIGCOMP_FIELDS = [
  'sigcomp.t.bit',
  'sigcomp.length',
  'sigcomp.code.len',
  'sigcomp.destination',
  'sigcomp.returned.feedback.item',
  'sigcomp.returned.feedback.item.len',
  'sigcomp.partial.state.identifier',
  'sigcomp.remaining-bytes',
  'sigcomp.data_for_sigcomp_dissector',
  'sigcomp.nack.ver',
  'sigcomp.nack.reason',
  'sigcomp.nack.failed_op_code',
  'sigcomp.nack.pc',
  'sigcomp.nack.sha1',
  'sigcomp.nack.state_id',
  'sigcomp.nack.cycles_per_bit',
  'sigcomp.memory_size',
  'sigcomp.udvm.byte-code',
  'sigcomp.remaining_sigcomp_message',
  'sigcomp.nack.failed_op_code.expert',
  'sigcomp.tcp_fragment',
  'tcp.reassembled.length',
];

const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
const rep = (h: string, n: number): string => h.repeat(n);

/** A new connection from the next client port (40000, 40001, ... per capture). */
function flow(p: PcapBuilder, server: number, n: number): TcpFlow {
  return p.tcp({ ip: CLIENT4, port: 40000 + n }, { ip: SERVER4, port: server }).handshake();
}

/** One segment per message, in order (some ask TCP for more and merge with the next). */
const HANDMADE_TCP = [
  'f8', // too short for the first 16-bit read: malformed
  'ffff41', // delimiter, then not SigComp: two bytes taken, nothing shown
  'ffff', // delimiter only: malformed
  `f800000141010203${rep('00', 20)}aabbcc`, // no delimiter yet: reassembled with the next
  'ffff',
  'f9010203040506070809ffff', // format 1, 6-byte partial state, remaining bytes
  'f800ff01ff', // quoted 0xFF, no delimiter: reassembled
  'ff0041ffff4142', // bytecode longer than the message (item cut), then a TCP fragment
  'f8ff80ff',
  'f80003ffff', // reserved escape 0xFF80: stops
  `f80001011000${'01'}${rep('ab', 20)}010203040506ffff`, // NACK STATE_NOT_FOUND with state id
  `f8000102${'0d'}0007${rep('cd', 20)}09ffff`, // NACK CYCLES_EXHAUSTED
  `f8000112${'ff'}0009${rep('ef', 20)}1000ffff`, // NACK BYTECODES_TOO_LARGE, unknown opcode
  `f80001ff${'22'}000a${rep('01', 20)}ffff`, // NACK unknown reason
  `f8000102${'0d'}0007${rep('cd', 20)}ffff`, // NACK CYCLES_EXHAUSTED without the byte: malformed
  `f8000101100001${rep('ab', 10)}ffff`, // NACK with a short hash: malformed
  'fc050010aabbffff', // format 2, 1-byte feedback, 1-byte bytecode
  'fd850102030405a1a2a3a4a5a6ffff', // format 1, long feedback
  'fe8201020304050607080900ffff', // format 1, 9-byte partial state
  'ff00ffff', // leading 0xFF00 escape: format 1 (0xFF), 12-byte state missing: malformed
  'fb0a0b0c0d0e0f1011121314ffff', // format 1, 12 bytes
  'f80002ffff',
  'fc80ffff', // empty long feedback, then no code length: malformed
  'f8ffff',
  'f8ffff42',
  'f80000ffff4142', // message, then a fragment without delimiter
  'f80000ffffffff', // message, then an empty message: malformed
  'fa010203040506ffff', // format 1 without the 9 bytes: malformed
  'f8ff7fffff0003ffff', // 0xFF 7F quotes more bytes than are left
  'f8001000ff05ffffffffffffffff', // quoted 0xFF bytes do not end the message
  'f8ff', // 0xFF as the very last byte (reassembled with the next)
  'ffffff',
  'ffff4142', // delimiter then not SigComp
  'fffff9ff', // delimiter then SigComp without an end: reassembly from offset 2
  '010203ffff',
  'f8aa',
];

function handmade(): Uint8Array {
  const p = new PcapBuilder();
  const f = flow(p, 5555, 0);
  for (const m of HANDMADE_TCP) f.send('c', hex(m)).ack('s');
  f.send('s', 'OK 123\n');
  // Snaplen-cut segments: the delimiter search or the unescaping runs into the missing bytes.
  const g = flow(p, 6666, 1);
  g.send('c', hex(`f84142${rep('00', 10)}ffff${rep('11', 86)}`), { caplen: 54 + 16 });
  g.send('c', hex(`f84142${rep('00', 97)}`), { caplen: 54 + 16 });
  g.send('c', hex(`41${rep('00', 99)}`), { caplen: 54 + 16 });
  // Datagrams: one message each, no record marking.
  const udp = (port: number, m: string): void =>
    p.udp({ ip: CLIENT4, port: 50000 }, { ip: SERVER4, port }, hex(m));
  udp(5555, '70726f62650a'); // "probe\n": not SigComp
  udp(5555, 'f9010203040506aabb');
  udp(6666, `f80001011000${'01'}${rep('ab', 20)}0102030405`);
  udp(5555, 'f8');
  udp(6666, 'fc0500100102');
  return p.build();
}

/** Random bytes with SigComp structure planted at random places. */
function plantedSegment(r: Rng): Uint8Array {
  const len = r.chance(0.5) ? 1448 : 1 + r.int(1448);
  const b = r.bytes(len);
  if (r.chance(0.4)) b[0] = 0xf8 | r.int(8);
  if (r.chance(0.1) && len > 3) {
    b[0] = 0xff;
    b[1] = 0xff;
    b[2] = 0xf8 | r.int(8);
  }
  const tokens = r.int(4);
  for (let k = 0; k < tokens; k++) {
    const at = r.int(len);
    const kind = r.int(5);
    const second = [0xff, 0x00, 1 + r.int(0x7f), 0x80 + r.int(0x7f), 0xff][kind];
    b[at] = 0xff;
    if (at + 1 < len) b[at + 1] = second;
  }
  return b;
}

function randomStream(seed: number, planted: boolean, segments: number): () => Uint8Array {
  return () => {
    const r = new Rng(seed);
    const p = new PcapBuilder();
    const f = flow(p, planted && seed % 2 === 0 ? 6666 : 5555, 0);
    for (let i = 0; i < segments; i++) {
      f.send('c', planted ? plantedSegment(r) : r.bytes(1448));
      if (r.chance(0.5)) f.ack('s');
    }
    f.send('s', `OK ${segments * 1448}\n`);
    f.fin('c').fin('s');
    return p.build();
  };
}

export const SIGCOMP_SCENARIOS: Scenario[] = [
  {
    name: 'sigcomp-handmade',
    about: 'every framing path and message format, snaplen cuts, datagrams',
    fields: SIGCOMP_FIELDS,
    build: handmade,
  },
  ...[1, 2].map((seed) => ({
    name: `sigcomp-random-${seed}`,
    about: 'random bulk data to the SigComp port, as in the zero-window capture',
    fields: SIGCOMP_FIELDS,
    build: randomStream(seed, false, 250),
  })),
  ...[3, 4, 5, 6].map((seed) => ({
    name: `sigcomp-planted-${seed}`,
    about: 'random data with SigComp starts, delimiters and escapes planted',
    fields: SIGCOMP_FIELDS,
    build: randomStream(seed, true, 120),
  })),
];
