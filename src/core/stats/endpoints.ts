import { copyAddress, formatAddress, type Address } from '../dissect/address';
import { sortByFrames } from './conversations';
import { EndpointIds } from './endpoint-ids';
import type { TapKind } from './frame-taps';

export interface Endpoint {
  addr: Address;
  /** 0 for tables without ports. */
  port: number;
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
  /** First frame the endpoint appears in. */
  firstFrame: number;
}

/** Accumulates endpoints in first-seen order; each frame counts for its source (tx) and destination (rx). */
export class EndpointTable {
  readonly items: Endpoint[] = [];
  private readonly byId = new Map<number, number>();

  constructor(
    readonly kind: TapKind,
    private readonly ids: EndpointIds = new EndpointIds(),
  ) {}

  private get(addr: Address, port: number, frame: number, key: number): Endpoint {
    let idx = this.byId.get(key);
    if (idx === undefined) {
      idx = this.items.length;
      this.byId.set(key, idx);
      this.items.push({
        addr: copyAddress(addr),
        port,
        txFrames: 0,
        txBytes: 0,
        rxFrames: 0,
        rxBytes: 0,
        firstFrame: frame,
      });
    }
    return this.items[idx];
  }

  add(
    src: Address,
    dst: Address,
    srcPort: number,
    dstPort: number,
    bytes: number,
    frame: number,
    /** ids.idOf(src, srcPort) and ids.idOf(dst, dstPort) when the caller has them already. */
    ks = this.ids.idOf(src, srcPort),
    kd = this.ids.idOf(dst, dstPort),
  ): void {
    const s = this.get(src, srcPort, frame, ks);
    s.txFrames++;
    s.txBytes += bytes;
    const d = this.get(dst, dstPort, frame, kd);
    d.rxFrames++;
    d.rxBytes += bytes;
  }

  /** By total packets, descending; ties in first-seen order (tshark's order). */
  sorted(): Endpoint[] {
    return sortByFrames(this.items, (e) => e.txFrames + e.rxFrames);
  }
}

/** An endpoint as plain data for the UI's table. */
export interface EndpointRow {
  address: string;
  port: number;
  frames: number;
  bytes: number;
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
  firstFrame: number;
}

export function endpointRows(table: EndpointTable): EndpointRow[] {
  return table.sorted().map((e) => ({
    address: formatAddress(e.addr),
    port: e.port,
    frames: e.txFrames + e.rxFrames,
    bytes: e.txBytes + e.rxBytes,
    txFrames: e.txFrames,
    txBytes: e.txBytes,
    rxFrames: e.rxFrames,
    rxBytes: e.rxBytes,
    firstFrame: e.firstFrame,
  }));
}
