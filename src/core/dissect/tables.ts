import type { PacketInfo } from './packet-info';
import type { ProtoNode, FrameTree } from './tree';
import type { Tvb } from './tvb';

/** Where a dissector adds its items: the frame tree's top level or a parent item; null = no tree. */
export type TreeParent = FrameTree | ProtoNode | null;

/**
 * A dissector consumes bytes from the start of `tvb` and returns how many it used;
 * 0 means "not mine" (heuristic rejection). Errors from bounds checks propagate as
 * BoundsError to the frame dissector, which marks the frame.
 */
export type Dissector = (tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown) => number;

/** A heuristic dissector returns false without side effects when the bytes are not its protocol. */
export type HeuristicDissector = (tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown) => boolean;

/** Wireshark's dissector table: a key (ethertype, ip.proto, port) selects a dissector. */
export class DissectorTable {
  private readonly map = new Map<number | string, Dissector>();
  /**
   * The entries with small integer keys (ports, ethertypes, protocol numbers) by key, for a
   * lookup per frame without hashing; every such key is here, so a hole means "none".
   */
  private direct: (Dissector | undefined)[] = [];
  constructor(
    readonly name: string,
    readonly description: string,
  ) {}

  add(key: number | string, d: Dissector): void {
    this.map.set(key, d);
    if (isSmallKey(key)) {
      if (key >= this.direct.length) this.growDirect(key);
      this.direct[key] = d;
    }
  }

  get(key: number | string): Dissector | undefined {
    const direct = this.direct;
    if (typeof key === 'number' && key >= 0 && key < direct.length && (key | 0) === key) return direct[key];
    if (isSmallKey(key)) return undefined;
    return this.map.get(key);
  }

  delete(key: number | string): void {
    this.map.delete(key);
    if (isSmallKey(key) && key < this.direct.length) this.direct[key] = undefined;
  }

  /** Makes room for `key` (in powers of two, filled so that the array stays a fast one). */
  private growDirect(key: number): void {
    let n = Math.max(16, this.direct.length);
    while (n <= key) n *= 2;
    const next = new Array<Dissector | undefined>(n).fill(undefined);
    for (let i = 0; i < this.direct.length; i++) next[i] = this.direct[i];
    this.direct = next;
  }

  entries(): IterableIterator<[number | string, Dissector]> {
    return this.map.entries();
  }
}

/** Integer keys below 2^16 live in DissectorTable's array. */
function isSmallKey(key: number | string): key is number {
  return typeof key === 'number' && key >= 0 && key < 0x10000 && (key | 0) === key;
}

export class HeuristicList {
  private readonly list: { name: string; fn: HeuristicDissector }[] = [];
  constructor(readonly name: string) {}

  add(name: string, fn: HeuristicDissector): void {
    this.list.push({ name, fn });
  }

  /** Tries each heuristic in registration order; true when one accepted the data. */
  tryAll(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): boolean {
    for (const h of this.list) if (h.fn(tvb, pinfo, tree, data)) return true;
    return false;
  }
}

const tables = new Map<string, DissectorTable>();
const heuristics = new Map<string, HeuristicList>();

/** The dissector table named `name` ("ethertype", "ip.proto", "tcp.port", "udp.port", "wtap_encap"). */
export function dissectorTable(name: string, description = name): DissectorTable {
  let t = tables.get(name);
  if (!t) {
    t = new DissectorTable(name, description);
    tables.set(name, t);
  }
  return t;
}

export function heuristicList(name: string): HeuristicList {
  let h = heuristics.get(name);
  if (!h) {
    h = new HeuristicList(name);
    heuristics.set(name, h);
  }
  return h;
}
