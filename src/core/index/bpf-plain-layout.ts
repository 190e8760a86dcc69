/**
 * What the field columns say about the bytes of a "plain" frame (field-columns.ts: Ethernet II
 * + IPv4 with a 20-byte header and no fragmentation, or + IPv6 whose next header is the
 * transport), byte by byte: a constant, some bits of a constant, a byte of a column value, or
 * nothing. A capture filter evaluated over these bytes (bpf-columns.ts) decides most frames
 * without reading them again. Everything here mirrors the checks FieldColumns.record makes on
 * the frame's bytes before it marks a frame V4 or V6; a byte not listed is unknown.
 */
import { SHAPE, TRANSPORT } from './protocol-sets';

/** A byte of the frame as the columns know it. */
export type KnownByte =
  /** The byte is `v`. */
  | { t: 'c'; v: number }
  /** The bits of `m` are those of `v` (the others are unknown). */
  | { t: 'p'; m: number; v: number }
  /** Byte `pos` (0 = most significant) of column word `word` (WORD), `bits` wide. */
  | { t: 'w'; word: number; bits: 32 | 16; pos: number };

/**
 * The column values a specialised program reads: IPv4 addresses (host order), ports, and the
 * four big-endian words of the IPv6 source (S6 + j) and destination (D6 + j) addresses.
 */
export const WORD = { S: 0, D: 1, SP: 2, DP: 3, S6: 4, D6: 8 } as const;

export interface PlainLayout {
  /** Value of FieldColumns.kind for these frames. */
  kind: number;
  /** The frame holds at least this many captured bytes (FieldColumns checked it). */
  minCaplen: number;
  /** Known bytes by offset; undefined = unknown. */
  bytes: (KnownByte | undefined)[];
}

const c = (v: number): KnownByte => ({ t: 'c', v });

function word(bytes: (KnownByte | undefined)[], at: number, id: number, bits: 32 | 16): void {
  for (let pos = 0; pos < bits / 8; pos++) bytes[at + pos] = { t: 'w', word: id, bits, pos };
}

/**
 * Plain IPv4 frames: ethertype 0x0800, version/IHL 0x45, MF flag and fragment offset zero
 * (the reserved and DF bits are not recorded), protocol, addresses and, for TCP/UDP, ports.
 */
function v4(transport: number): PlainLayout {
  const bytes: (KnownByte | undefined)[] = [];
  bytes[12] = c(0x08);
  bytes[13] = c(0x00);
  bytes[14] = c(0x45);
  bytes[20] = { t: 'p', m: 0x3f, v: 0 };
  bytes[21] = c(0);
  const proto = transport === TRANSPORT.TCP ? 6 : transport === TRANSPORT.UDP ? 17 : 1;
  bytes[23] = c(proto);
  word(bytes, 26, WORD.S, 32);
  word(bytes, 30, WORD.D, 32);
  let need = 20;
  if (transport !== TRANSPORT.NONE) {
    word(bytes, 34, WORD.SP, 16);
    word(bytes, 36, WORD.DP, 16);
    need = transport === TRANSPORT.TCP ? 40 : 28;
  }
  return { kind: SHAPE.V4 | (transport << 2), minCaplen: 14 + need, bytes };
}

/**
 * Plain IPv6 frames: ethertype 0x86dd, version 6, next header, addresses (the columns hold
 * ids into the address table) and, for TCP/UDP, ports. ICMPv6 frames are known to have their
 * type byte captured, not its value.
 */
function v6(transport: number): PlainLayout {
  const bytes: (KnownByte | undefined)[] = [];
  bytes[12] = c(0x86);
  bytes[13] = c(0xdd);
  bytes[14] = { t: 'p', m: 0xf0, v: 0x60 };
  const nxt = transport === TRANSPORT.TCP ? 6 : transport === TRANSPORT.UDP ? 17 : 58;
  bytes[20] = c(nxt);
  for (let j = 0; j < 4; j++) {
    word(bytes, 22 + 4 * j, WORD.S6 + j, 32);
    word(bytes, 38 + 4 * j, WORD.D6 + j, 32);
  }
  let need = 1;
  if (transport !== TRANSPORT.NONE) {
    word(bytes, 54, WORD.SP, 16);
    word(bytes, 56, WORD.DP, 16);
    need = transport === TRANSPORT.TCP ? 20 : 8;
  }
  return { kind: SHAPE.V6 | (transport << 2), minCaplen: 54 + need, bytes };
}

/** Every kind of plain frame the columns describe. */
export const PLAIN_LAYOUTS: readonly PlainLayout[] = [
  v4(TRANSPORT.NONE),
  v4(TRANSPORT.TCP),
  v4(TRANSPORT.UDP),
  v6(TRANSPORT.NONE),
  v6(TRANSPORT.TCP),
  v6(TRANSPORT.UDP),
];
