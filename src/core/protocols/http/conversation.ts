import { addressKey } from '../../dissect/address';
import type { PacketInfo } from '../../dissect/packet-info';

interface PendingRequest {
  frame: number;
  sec: number;
  nsec: number;
  fullUri: string;
  method: string;
}

/** Request/response links of one HTTP message, as the first pass established them. */
export interface HttpMessageInfo {
  number: number;
  /** Previous request (for a request) or response (for a response) on the connection; 0 if none. */
  prevFrame: number;
  /** For responses: the matched request (0 when none). */
  requestFrame: number;
  timeNs: number;
  requestUri: string;
  requestMethod: string;
}

interface Connection {
  pending: PendingRequest[];
  requests: number;
  responses: number;
  lastRequestFrame: number;
  lastResponseFrame: number;
}

function connectionKey(pinfo: PacketInfo): string {
  const a = `${addressKey(pinfo.src)}/${pinfo.srcPort}`;
  const b = `${addressKey(pinfo.dst)}/${pinfo.dstPort}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** HTTP request/response matching for a capture (FIFO per TCP connection, as HTTP/1.1 pipelining requires). */
export class HttpState {
  private readonly conns = new Map<string, Connection>();
  private readonly frames = new Map<number, HttpMessageInfo[]>();
  /** Request frame -> response frame, filled when the response is seen (shown on revisits). */
  readonly responseOf = new Map<number, number>();

  /** Method of the oldest unanswered request on the packet's connection ('' if none). */
  pendingMethod(pinfo: PacketInfo): string {
    return this.conns.get(connectionKey(pinfo))?.pending[0]?.method ?? '';
  }

  message(
    pinfo: PacketInfo,
    index: number,
    isRequest: boolean,
    fullUri: string,
    method: string,
  ): HttpMessageInfo {
    const known = this.frames.get(pinfo.num);
    if (known && known.length > index) return known[index];
    const info: HttpMessageInfo = {
      number: 0,
      prevFrame: 0,
      requestFrame: 0,
      timeNs: NaN,
      requestUri: '',
      requestMethod: '',
    };
    if (!pinfo.visited && !pinfo.inErrorPacket) {
      const key = connectionKey(pinfo);
      let c = this.conns.get(key);
      if (!c) {
        c = { pending: [], requests: 0, responses: 0, lastRequestFrame: 0, lastResponseFrame: 0 };
        this.conns.set(key, c);
      }
      if (isRequest) {
        info.number = ++c.requests;
        info.prevFrame = c.lastRequestFrame;
        c.lastRequestFrame = pinfo.num;
        c.pending.push({ frame: pinfo.num, sec: pinfo.tsSec, nsec: pinfo.tsNsec, fullUri, method });
      } else {
        info.number = ++c.responses;
        info.prevFrame = c.lastResponseFrame;
        c.lastResponseFrame = pinfo.num;
        const req = c.pending.shift();
        if (req) {
          info.requestFrame = req.frame;
          info.timeNs = (pinfo.tsSec - req.sec) * 1e9 + (pinfo.tsNsec - req.nsec);
          info.requestUri = req.fullUri;
          info.requestMethod = req.method;
          this.responseOf.set(req.frame, pinfo.num);
        }
      }
    }
    if (known) known.push(info);
    else this.frames.set(pinfo.num, [info]);
    return info;
  }
}
