import { addressKey, AT, type Address } from '../dissect/address';

/**
 * Dense numbers for (address, port) pairs, so the conversation and endpoint tables hash
 * numbers instead of building strings per frame (millions of frames in the worker). IPv4
 * pairs get a numeric key without any string; other address types go through addressKey.
 * One instance can be shared by several tables.
 */
export class EndpointIds {
  private readonly v4 = new Map<number, number>();
  private readonly other = new Map<string, number>();
  private next = 0;

  idOf(a: Address, port: number): number {
    if (a.type === AT.IPv4) {
      const k = (a.v4 >>> 0) * 65536 + port;
      let id = this.v4.get(k);
      if (id === undefined) this.v4.set(k, (id = this.next++));
      return id;
    }
    const k = `${addressKey(a)}/${port}`;
    let id = this.other.get(k);
    if (id === undefined) this.other.set(k, (id = this.next++));
    return id;
  }
}

/** Ids below this pair into one exact double (2^26 * 2^26 < 2^53). */
export const MAX_ENDPOINT_IDS = 2 ** 26;
