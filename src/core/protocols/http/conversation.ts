import { addressKey } from '../../dissect/address';
import type { PacketInfo } from '../../dissect/packet-info';
import type { Dissector } from '../../dissect/tables';

/**
 * One request/response pair as Wireshark links them (http_req_res_t): a request always starts
 * a new pair; a response joins the LAST pair of the connection when that one has no response
 * yet, otherwise it starts a pair of its own. So with pipelined requests the first response is
 * paired with the last request, as tshark 4.0 does.
 */
export interface ReqRes {
  number: number;
  reqFrame: number;
  resFrame: number;
  /** Request time (absolute), NaN when the pair has no request. */
  reqSec: number;
  reqNsec: number;
  prev: ReqRes | null;
  next: ReqRes | null;
}

/** What Wireshark keeps per HTTP conversation (http_conv_t) that changes what later frames show. */
export interface HttpConv {
  /** URI of the last request line seen (any request: also marks the conversation as HTTP). */
  requestUri: string | null;
  requestMethod: string | null;
  responseCode: number;
  httpHost: string | null;
  fullUri: string | null;
  reqResNum: number;
  tail: ReqRes | null;
  /** Protocol switch (101 Switching Protocols, CONNECT 200): data from here on is not HTTP. */
  startFrame: number;
  startOffset: number;
  nextDissector: Dissector | null;
  serverPort: number;
}

function newConv(): HttpConv {
  return {
    requestUri: null,
    requestMethod: null,
    responseCode: 0,
    httpHost: null,
    fullUri: null,
    reqResNum: 0,
    tail: null,
    startFrame: 0,
    startOffset: 0,
    nextDissector: null,
    serverPort: 0,
  };
}

/** The fields of a conversation that are plain values (copied for replays). */
function snapshot(c: HttpConv): HttpConv {
  return { ...c };
}

function conversationKey(pinfo: PacketInfo, stream: number | undefined): string {
  if (stream !== undefined) return `tcp:${stream}`;
  const a = `${addressKey(pinfo.src)}/${pinfo.srcPort}`;
  const b = `${addressKey(pinfo.dst)}/${pinfo.dstPort}`;
  return `${pinfo.ptype}:${a < b ? `${a}|${b}` : `${b}|${a}`}`;
}

/**
 * Capture-wide HTTP state. Frames are dissected once in order (the state evolves as in tshark's
 * single pass) and again later for display: a revisit works on a copy of the conversation as it
 * was when the frame was first dissected, and finds the request/response pairs it created then.
 */
export class HttpState {
  private readonly convs = new Map<string, HttpConv>();
  /** Conversation as it was when a frame's first dissection began. */
  private readonly atFrame = new Map<number, HttpConv>();
  /** Pairs a frame's messages created or joined in the first pass, in message order. */
  private readonly pairs = new Map<number, ReqRes[]>();
  private readonly lastPushed = new Map<number, ReqRes>();

  /** The conversation to dissect this frame with (a scratch copy when revisiting). */
  conversation(pinfo: PacketInfo, stream: number | undefined): HttpConv {
    if (pinfo.visited) {
      const seen = this.atFrame.get(pinfo.num);
      if (seen) return snapshot(seen);
    }
    const key = conversationKey(pinfo, stream);
    let c = this.convs.get(key);
    if (!c) {
      c = newConv();
      this.convs.set(key, c);
    }
    if (!pinfo.visited && !this.atFrame.has(pinfo.num)) this.atFrame.set(pinfo.num, snapshot(c));
    return c;
  }

  private pushPair(conv: HttpConv): ReqRes {
    const rr: ReqRes = {
      number: ++conv.reqResNum,
      reqFrame: 0,
      resFrame: 0,
      reqSec: NaN,
      reqNsec: 0,
      prev: conv.tail,
      next: null,
    };
    if (conv.tail) conv.tail.next = rr;
    conv.tail = rr;
    return rr;
  }

  private remember(pinfo: PacketInfo, rr: ReqRes, messageIndex: number): void {
    let list = this.pairs.get(pinfo.num);
    if (!list) this.pairs.set(pinfo.num, (list = []));
    list[messageIndex] = rr;
    this.lastPushed.set(pinfo.num, rr);
  }

  /** push_req: a request always starts a new pair. */
  pushRequest(conv: HttpConv, pinfo: PacketInfo, messageIndex: number): void {
    const rr = this.pushPair(conv);
    rr.reqFrame = pinfo.num;
    rr.reqSec = pinfo.tsSec;
    rr.reqNsec = pinfo.tsNsec;
    this.remember(pinfo, rr, messageIndex);
  }

  /** push_res: joins the last pair unless it already has a response. */
  pushResponse(conv: HttpConv, pinfo: PacketInfo, messageIndex: number): void {
    let rr = conv.tail;
    if (!rr || rr.resFrame > 0) rr = this.pushPair(conv);
    rr.resFrame = pinfo.num;
    this.remember(pinfo, rr, messageIndex);
  }

  /**
   * The pair a message of this frame shows (p_get_proto_data): in the first pass the one most
   * recently pushed for the frame; when revisiting, the one this message (or an earlier one of
   * the frame) pushed then.
   */
  current(pinfo: PacketInfo, messageIndex: number): ReqRes | null {
    if (!pinfo.visited) return this.lastPushed.get(pinfo.num) ?? null;
    const list = this.pairs.get(pinfo.num);
    if (!list) return null;
    for (let i = Math.min(messageIndex, list.length - 1); i >= 0; i--) if (list[i]) return list[i];
    return null;
  }
}
