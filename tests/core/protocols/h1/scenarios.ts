/**
 * Sinec H1 captures for the tshark comparison: hand-made messages (every block type, unknown
 * blocks after the columns were set, short and snaplen-cut messages) and seeded random
 * payloads starting with "S5" on arbitrary ports.
 */
import { CLIENT4, PcapBuilder, SERVER4 } from '../pcap-builder';
import { Rng } from '../payload-fixtures/prng';
import type { Scenario } from '../payload-fixtures/harness';

export const H1_FIELDS = [
  'h1.header',
  'h1.len',
  'h1.block_type',
  'h1.block_len',
  'h1.opcode',
  'h1.org',
  'h1.dbnr',
  'h1.dwnr',
  'h1.dlen',
  'h1.resvalue',
];

const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));

const HANDMADE = [
  `53350241${'41'.repeat(20)}`, // length 2: no blocks, the rest is data
  `53350a010403080301020304050607080102${'41'.repeat(20)}`, // opcode, request, opcode
  `5335100104050308010203040506${'0f03ff'}${'41'.repeat(20)}`, // unknown block type 0x08: rejected
  '5335', // no length byte: malformed
  '533501', // length only
  '53353203ff00aabbccdd', // request block cut short: malformed
  '5335320f40ee', // response with an unknown code, block longer than the data
  '533506010a09', // unknown opcode
  '5335090380010000', // address cut short
  '533508038077',
  '5335060100ffff', // zero-length block ends the list
  '53350fff0441424344ff00', // empty blocks
  `5335080f03000f0302${'00'.repeat(10)}`, // two responses
  '5336', // not "S5"
];

function handmade(): Uint8Array {
  const p = new PcapBuilder();
  const f = p.tcp({ ip: CLIENT4, port: 40000 }, { ip: SERVER4, port: 5201 }).handshake();
  for (const m of HANDMADE) f.send('c', hex(m)).ack('s');
  // Cut by the snaplen inside the header or the blocks.
  const g = p.tcp({ ip: CLIENT4, port: 40001 }, { ip: SERVER4, port: 7001 }).handshake();
  g.send('c', hex(`53350a010403080301020304050607080102${'41'.repeat(40)}`), { caplen: 54 + 9 });
  g.send('c', hex(`5335100104050308010203${'41'.repeat(40)}`), { caplen: 54 + 2 });
  return p.build();
}

function random(seed: number): () => Uint8Array {
  return () => {
    const r = new Rng(seed);
    const p = new PcapBuilder();
    const f = p.tcp({ ip: CLIENT4, port: 40000 }, { ip: SERVER4, port: 20000 + r.int(20000) }).handshake();
    for (let i = 0; i < 150; i++) {
      const b = r.bytes(8 + r.int(60));
      b[0] = 0x53;
      b[1] = 0x35;
      if (r.chance(0.5)) b[2] = r.int(24);
      // Plant valid block types at the block positions now and then.
      let at = 3;
      while (at + 1 < b.length && r.chance(0.7)) {
        b[at] = r.pick([0x01, 0x03, 0x0f, 0xff, r.int(256)]);
        b[at + 1] = r.int(10);
        at += Math.max(2, b[at + 1]);
      }
      const cut = r.chance(0.2) ? 54 + 2 + r.int(b.length - 2) : undefined;
      f.send('c', b, { caplen: cut });
    }
    return p.build();
  };
}

export const H1_SCENARIOS: Scenario[] = [
  {
    name: 'h1-handmade',
    about: 'every block type, rejections after the columns, cuts',
    fields: H1_FIELDS,
    build: handmade,
  },
  ...[1, 2].map((seed) => ({
    name: `h1-random-${seed}`,
    about: 'random payloads starting with "S5" and planted block headers',
    fields: H1_FIELDS,
    build: random(seed),
  })),
];
