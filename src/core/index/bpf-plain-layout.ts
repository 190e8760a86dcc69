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
  /**
   * Byte `pos` (0 = most significant) of a column value `bits` wide, read in the generated code
   * by the JavaScript expression `word`.
   */
  | { t: 'w'; word: string; bits: 32 | 16; pos: number };

export interface PlainLayout {
  /** Value of FieldColumns.kind for these frames. */
  kind: number;
  /** The frame holds at least this many captured bytes (FieldColumns checked it). */
  minCaplen: number;
  /** Known bytes by offset; undefined = unknown. */
  bytes: (KnownByte | undefined)[];
}

const c = (v: number): KnownByte => ({ t: 'c', v });

function word(bytes: (KnownByte | undefined)[], at: number, expr: string, bits: 32 | 16): void {
  for (let pos = 0; pos < bits / 8; pos++) bytes[at + pos] = { t: 'w', word: expr, bits, pos };
}

/**
 * Plain IPv4 frames: ethertype 0x0800, version/IHL 0x45, MF flag and fragment offset zero
 * (the reserved and DF bits are not recorded), protocol, addresses and, for TCP/UDP, ports.
 * Generated code reads the columns as `s`, `d` (IPv4 host order), `sp` and `dp`.
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
  word(bytes, 26, 's', 32);
  word(bytes, 30, 'd', 32);
  let need = 20;
  if (transport !== TRANSPORT.NONE) {
    word(bytes, 34, 'sp', 16);
    word(bytes, 36, 'dp', 16);
    need = transport === TRANSPORT.TCP ? 40 : 28;
  }
  return { kind: SHAPE.V4 | (transport << 2), minCaplen: 14 + need, bytes };
}

/**
 * Plain IPv6 frames: ethertype 0x86dd, version 6, next header, addresses (the columns hold
 * ids: generated code reads the four words of address id `i` as `W[i * 4 + j]`) and, for
 * TCP/UDP, ports. ICMPv6 frames are known to have their type byte captured, not its value.
 */
function v6(transport: number): PlainLayout {
  const bytes: (KnownByte | undefined)[] = [];
  bytes[12] = c(0x86);
  bytes[13] = c(0xdd);
  bytes[14] = { t: 'p', m: 0xf0, v: 0x60 };
  const nxt = transport === TRANSPORT.TCP ? 6 : transport === TRANSPORT.UDP ? 17 : 58;
  bytes[20] = c(nxt);
  for (let j = 0; j < 4; j++) {
    word(bytes, 22 + 4 * j, `W[s * 4 + ${j}]`, 32);
    word(bytes, 38 + 4 * j, `W[d * 4 + ${j}]`, 32);
  }
  let need = 1;
  if (transport !== TRANSPORT.NONE) {
    word(bytes, 54, 'sp', 16);
    word(bytes, 56, 'dp', 16);
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
