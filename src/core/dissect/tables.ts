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
  constructor(
    readonly name: string,
    readonly description: string,
  ) {}

  add(key: number | string, d: Dissector): void {
    this.map.set(key, d);
  }

  get(key: number | string): Dissector | undefined {
    return this.map.get(key);
  }

  delete(key: number | string): void {
    this.map.delete(key);
  }

  entries(): IterableIterator<[number | string, Dissector]> {
    return this.map.entries();
  }
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
