import { addressKey } from '../../dissect/address';
import type { PacketInfo } from '../../dissect/packet-info';

/** One query/response exchange, as the first pass matched it. */
interface Transaction {
  reqFrame: number;
  repFrame: number;
  reqSec: number;
  reqNsec: number;
  qname: string;
}

/** What the first pass learned about one DNS message (read back when the frame is revisited). */
export interface DnsFrameInfo {
  /** For a response: the request frame (0 when unmatched). For a request: 0. */
  requestIn: number;
  /** For a request: the response frame once known (0 until then). */
  responseIn: number;
  /** Nanoseconds between request and response (responses only; NaN when unmatched). */
  timeNs: number;
  /** Earlier frame this one repeats (a retransmitted request or response); 0 otherwise. */
  retransmitOf: number;
  /** A response with no request in its conversation. */
  unsolicited: boolean;
}

/** Conversation key: transport, both endpoints in a canonical order (Wireshark's conversation). */
function conversationKey(pinfo: PacketInfo): string {
  const a = `${addressKey(pinfo.src)}/${pinfo.srcPort}`;
  const b = `${addressKey(pinfo.dst)}/${pinfo.dstPort}`;
  return a < b ? `${pinfo.ptype}|${a}|${b}` : `${pinfo.ptype}|${b}|${a}`;
}

/**
 * DNS request/response matching for the whole capture: transactions are keyed by conversation
 * and transaction ID; results are stored per frame (and per message within a frame, for TCP
 * segments that hold several) so a later dissection shows the same links.
 */
export class DnsState {
  private readonly open = new Map<string, Transaction[]>();
  private readonly frames = new Map<number, DnsFrameInfo[]>();
  /** Request frame -> transaction, so revisiting a request can show its response. */
  private readonly byRequest = new Map<number, Transaction>();

  /** Records (first pass) or reads back (visited) the matching info of the `index`-th message in the frame. */
  track(pinfo: PacketInfo, index: number, id: number, isResponse: boolean, qname: string): DnsFrameInfo {
    const list = this.frames.get(pinfo.num);
    if (pinfo.visited || (list && list.length > index)) {
      const info = list?.[index];
      if (info) {
        if (!isResponse) {
          const t = this.byRequest.get(pinfo.num);
          if (t && t.repFrame > 0) info.responseIn = t.repFrame;
        }
        return info;
      }
    }
    const info: DnsFrameInfo = {
      requestIn: 0,
      responseIn: 0,
      timeNs: NaN,
      retransmitOf: 0,
      unsolicited: false,
    };
    if (!pinfo.inErrorPacket) this.learn(pinfo, id, isResponse, qname, info);
    if (list) list.push(info);
    else this.frames.set(pinfo.num, [info]);
    return info;
  }

  private learn(pinfo: PacketInfo, id: number, isResponse: boolean, qname: string, info: DnsFrameInfo): void {
    const key = `${conversationKey(pinfo)}#${id}`;
    let ts = this.open.get(key);
    if (!isResponse) {
      const prev = ts?.[ts.length - 1];
      // The same question again before any answer: a retransmitted request.
      if (prev && prev.repFrame === 0 && prev.qname === qname && prev.reqFrame !== pinfo.num) {
        info.retransmitOf = prev.reqFrame;
        return;
      }
      const t: Transaction = {
        reqFrame: pinfo.num,
        repFrame: 0,
        reqSec: pinfo.tsSec,
        reqNsec: pinfo.tsNsec,
        qname,
      };
      if (!ts) this.open.set(key, (ts = []));
      ts.push(t);
      this.byRequest.set(pinfo.num, t);
      return;
    }
    const t = ts?.[ts.length - 1];
    if (!t) {
      info.unsolicited = true;
      return;
    }
    if (t.repFrame !== 0 && t.repFrame !== pinfo.num) {
      // A second answer to an already answered query: a retransmitted response.
      info.retransmitOf = t.repFrame;
      return;
    }
    t.repFrame = pinfo.num;
    info.requestIn = t.reqFrame;
    info.timeNs = (pinfo.tsSec - t.reqSec) * 1e9 + (pinfo.tsNsec - t.reqNsec);
  }
}
