import { addressKey } from '../../dissect/address';
import type { PacketInfo } from '../../dissect/packet-info';

/** One query/response exchange (Wireshark's dns_transaction_t). */
interface Transaction {
  reqFrame: number;
  repFrame: number;
  reqSec: number;
  reqNsec: number;
  /** The query asked for a zone transfer: several responses are expected, none is a retransmission. */
  multipleResponds: boolean;
}

/** The matching state of one message while it is being dissected. */
export interface DnsTrack {
  trans: Transaction;
  retransmission: boolean;
  isResponse: boolean;
  sec: number;
  nsec: number;
}

/** What the tree shows about a message's request/response links. */
export interface DnsFrameInfo {
  /** For a response: the request frame (0 when unmatched). */
  requestIn: number;
  /** For a request: the response frame once known (0 until then). */
  responseIn: number;
  /** Nanoseconds between request and response (matched responses). */
  timeNs: number;
  /** For a retransmission: the original request (or response) frame; 0 otherwise. */
  retransmitOf: number;
  /** The message was judged a retransmission (shown only when the original is known). */
  retransmission: boolean;
}

/** Seconds after which a query with the same ID counts as a new query (the default preference). */
const RETRANSMISSION_TIMER = 10;

/** Conversation key: transport, both endpoints in a canonical order (Wireshark's conversation). */
function conversationKey(pinfo: PacketInfo): string {
  const a = `${addressKey(pinfo.src)}/${pinfo.srcPort}`;
  const b = `${addressKey(pinfo.dst)}/${pinfo.dstPort}`;
  return a < b ? `${pinfo.ptype}|${a}|${b}` : `${pinfo.ptype}|${b}|${a}`;
}

/**
 * DNS request/response matching for the whole capture, as Wireshark's dissect_dns_common:
 * transactions are kept per conversation and transaction ID in request-frame order, and a
 * message looks up the latest one that started at or before its frame. The first pass creates
 * and completes transactions; a later dissection only reads them, so a request then shows
 * where its response is.
 */
export class DnsState {
  private readonly transactions = new Map<string, Transaction[]>();

  /** Looks up (and on the first pass records) the transaction of a message. */
  begin(pinfo: PacketInfo, id: number, isResponse: boolean): DnsTrack {
    const track: DnsTrack = {
      trans: {
        reqFrame: 0,
        repFrame: 0,
        reqSec: pinfo.tsSec,
        reqNsec: pinfo.tsNsec,
        multipleResponds: false,
      },
      retransmission: false,
      isResponse,
      sec: pinfo.tsSec,
      nsec: pinfo.tsNsec,
    };
    if (pinfo.inErrorPacket) return track;
    const key = `${conversationKey(pinfo)}#${id}`;
    let list = this.transactions.get(key);
    const found = latestAtOrBefore(list, pinfo.num);
    if (!pinfo.visited) {
      if (!isResponse) {
        let fresh = !found || found.repFrame > 0;
        if (!fresh && found) {
          const delta = pinfo.tsSec - found.reqSec + (pinfo.tsNsec - found.reqNsec) / 1e9;
          if (delta < RETRANSMISSION_TIMER) {
            track.retransmission = true;
            track.trans = found;
          } else fresh = true;
        }
        if (fresh) {
          if (!list) this.transactions.set(key, (list = []));
          list.push(track.trans);
          track.trans.reqFrame = pinfo.num;
        }
      } else if (found) {
        track.trans = found;
        if (found.repFrame === 0) found.repFrame = pinfo.num;
        else if (!found.multipleResponds) track.retransmission = true;
      }
      return track;
    }
    if (!found) return track;
    if (!isResponse && found.reqFrame !== pinfo.num) {
      track.retransmission = true;
      track.trans = { ...found, repFrame: 0, reqSec: pinfo.tsSec, reqNsec: pinfo.tsNsec };
    } else {
      track.trans = found;
      if (isResponse && found.repFrame !== pinfo.num && !found.multipleResponds) track.retransmission = true;
    }
    return track;
  }

  /** Records whether the message's questions ask for a zone transfer (AXFR/IXFR). */
  setMultipleResponds(track: DnsTrack, multiple: boolean): void {
    track.trans.multipleResponds = multiple;
  }

  /** The links to show for the message. */
  finish(track: DnsTrack): DnsFrameInfo {
    const t = track.trans;
    if (!track.isResponse) {
      return {
        requestIn: 0,
        responseIn: t.repFrame,
        timeNs: 0,
        retransmitOf: track.retransmission ? t.reqFrame : 0,
        retransmission: track.retransmission,
      };
    }
    return {
      requestIn: t.reqFrame,
      responseIn: 0,
      timeNs: (track.sec - t.reqSec) * 1e9 + (track.nsec - t.reqNsec),
      retransmitOf: track.retransmission ? t.repFrame : 0,
      retransmission: track.retransmission,
    };
  }
}

function latestAtOrBefore(list: Transaction[] | undefined, frame: number): Transaction | null {
  if (!list) return null;
  for (let i = list.length - 1; i >= 0; i--) if (list[i].reqFrame <= frame) return list[i];
  return null;
}
