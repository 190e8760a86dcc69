import type { Address } from '../dissect/address';

export interface Endpoint {
  addr: Address;
  port: number;
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
}

/** Accumulates endpoints in first-seen order; each frame counts for its source (tx) and destination (rx). */
export class EndpointTable {
  readonly items: Endpoint[] = [];
  private readonly byKey = new Map<string, number>();

  constructor(private readonly keyOf: (a: Address) => string) {}

  private get(addr: Address, port: number): Endpoint {
    const key = `${this.keyOf(addr)}|${port}`;
    let idx = this.byKey.get(key);
    if (idx === undefined) {
      idx = this.items.length;
      this.byKey.set(key, idx);
      this.items.push({
        addr: { type: addr.type, v4: addr.v4, bytes: addr.bytes ? addr.bytes.slice() : null, text: addr.text },
        port,
        txFrames: 0,
        txBytes: 0,
        rxFrames: 0,
        rxBytes: 0,
      });
    }
    return this.items[idx];
  }

  add(src: Address, dst: Address, srcPort: number, dstPort: number, bytes: number): void {
    const s = this.get(src, srcPort);
    s.txFrames++;
    s.txBytes += bytes;
    const d = this.get(dst, dstPort);
    d.rxFrames++;
    d.rxBytes += bytes;
  }

  /** By total packets, descending; ties in first-seen order. */
  sorted(): Endpoint[] {
    return this.items
      .map((e, i) => ({ e, i }))
      .sort((x, y) => y.e.txFrames + y.e.rxFrames - (x.e.txFrames + x.e.rxFrames) || x.i - y.i)
      .map((x) => x.e);
  }
}
