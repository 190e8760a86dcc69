import { addressKey } from '../../dissect/address';
import type { PacketInfo } from '../../dissect/packet-info';
import type { Dissector } from '../../dissect/tables';
import { FrameHistory } from '../app-state/frame-history';

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

/** The fields of a conversation are plain values: a shallow copy is a snapshot. */
function snapshot(c: HttpConv): HttpConv {
  return { ...c };
}

function sameConv(a: HttpConv, b: HttpConv): boolean {
  return (
    a.requestUri === b.requestUri &&
    a.requestMethod === b.requestMethod &&
    a.responseCode === b.responseCode &&
    a.httpHost === b.httpHost &&
    a.fullUri === b.fullUri &&
    a.reqResNum === b.reqResNum &&
    a.tail === b.tail &&
    a.startFrame === b.startFrame &&
    a.startOffset === b.startOffset &&
    a.nextDissector === b.nextDissector &&
    a.serverPort === b.serverPort
  );
}

/** A conversation and what it looked like along the first pass. */
interface ConvEntry {
  live: HttpConv;
  history: FrameHistory<HttpConv>;
}

function newEntry(): ConvEntry {
  return { live: newConv(), history: new FrameHistory(sameConv, snapshot) };
}

/** Conversations outside TCP (no stream number), by their endpoints. */
function conversationKey(pinfo: PacketInfo): string {
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
  /** TCP conversations by stream number (the usual case: no key string per frame). */
  private readonly byStream = new Map<number, ConvEntry>();
  private readonly byKey = new Map<string, ConvEntry>();
  /** Pairs a frame's messages created or joined in the first pass, in message order. */
  private readonly pairs = new Map<number, ReqRes[]>();
  /** The pair most recently pushed in the first pass, and its frame. */
  private lastPushedFrame = 0;
  private lastPushed: ReqRes | null = null;

  private entry(pinfo: PacketInfo, stream: number | undefined): ConvEntry {
    let e: ConvEntry | undefined;
    if (stream !== undefined) {
      e = this.byStream.get(stream);
      if (!e) this.byStream.set(stream, (e = newEntry()));
    } else {
      const key = conversationKey(pinfo);
      e = this.byKey.get(key);
      if (!e) this.byKey.set(key, (e = newEntry()));
    }
    return e;
  }

  /** The conversation to dissect this frame with (a scratch copy when revisiting). */
  conversation(pinfo: PacketInfo, stream: number | undefined): HttpConv {
    const e = this.entry(pinfo, stream);
    if (pinfo.visited) {
      const seen = e.history.at(pinfo.num);
      if (seen) return seen;
      return e.live;
    }
    e.history.note(pinfo.num, e.live);
    return e.live;
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
    this.lastPushedFrame = pinfo.num;
    this.lastPushed = rr;
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
    if (!pinfo.visited) return this.lastPushedFrame === pinfo.num ? this.lastPushed : null;
    const list = this.pairs.get(pinfo.num);
    if (!list) return null;
    for (let i = Math.min(messageIndex, list.length - 1); i >= 0; i--) if (list[i]) return list[i];
    return null;
  }
}
