import { DESEGMENT_ONE_MORE_SEGMENT, type PacketInfo } from '../../dissect/packet-info';
import { dissectorTable, heuristicList, type TreeParent } from '../../dissect/tables';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { hfTls, protoTls } from './fields';
import { dissectHandshakeBody, handshakeName, HS, isHelloRetry } from './handshake';
import { endpoint, TLS13, TlsState, VERSION_UNKNOWN, type TlsSessionState } from './session';
import { addBytes, appendInfoSep, versionShort } from './util';
import { ALERT_DESCRIPTIONS, ALERT_LEVELS, CONTENT_TYPES, HANDSHAKE_TYPES } from './values-data';

const CT = { CCS: 20, ALERT: 21, HANDSHAKE: 22, APP_DATA: 23, HEARTBEAT: 24 } as const;

/** TCP ports tshark dissects as TLS by default. */
export const TLS_TCP_PORTS = [
  324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251, 3252, 3496, 5061, 5671, 5684,
  5868, 8883, 11207, 19999, 27017,
];

/** The application protocol tshark assumes inside TLS by port (its "tls.port" table). */
const APP_BY_PORT: Record<number, string> = {
  443: 'Hypertext Transfer Protocol',
  465: 'Simple Mail Transfer Protocol',
  636: 'Lightweight Directory Access Protocol',
  853: 'Domain Name System',
  993: 'Internet Message Access Protocol',
  995: 'Post Office Protocol',
  5061: 'Session Initiation Protocol',
  8883: 'MQ Telemetry Transport Protocol',
  5671: 'Advanced Message Queuing Protocol',
  27017: 'Mongo Wire Protocol',
};

function tlsState(pinfo: PacketInfo): TlsState {
  return pinfo.capture.stateFor('tls', () => new TlsState());
}

function fromServer(pinfo: PacketInfo, s: TlsSessionState): boolean {
  if (s.server) return s.server === endpoint(pinfo.src, pinfo.srcPort);
  return TLS_TCP_PORTS.includes(pinfo.srcPort) && !TLS_TCP_PORTS.includes(pinfo.dstPort);
}

function appProtocol(pinfo: PacketInfo): string | null {
  return APP_BY_PORT[pinfo.srcPort] ?? APP_BY_PORT[pinfo.dstPort] ?? null;
}

/** A record header looks like TLS (content type and a known version family). */
function looksLikeRecord(tvb: Tvb, off: number): boolean {
  if (!tvb.has(off, 3)) return false;
  const ct = tvb.u8(off);
  const major = tvb.u8(off + 1);
  return ct >= 20 && ct <= 24 && (major === 3 || (major === 0xfe && tvb.u8(off + 2) >= 0xfd));
}

/**
 * TLS over TCP: a sequence of records. Records split across segments are completed through
 * TCP's desegmentation; each record is decoded as far as possible without keys.
 */
export function dissectTls(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'TLS';
  pinfo.addLayer('tls');
  const session = tlsState(pinfo).sessionFor(pinfo);
  const learn = !pinfo.visited;
  const cols = pinfo.cols;
  if (cols) {
    cols.setProtocol(versionShort(session.version));
    cols.clearInfo();
  }
  const top = tree ? tree.add(protoTls, tvb, 0, tvb.length, null, 'Transport Layer Security') : null;
  let off = 0;
  while (tvb.reportedRemaining(off) > 0) {
    const avail = tvb.remaining(off);
    if (avail < 5) {
      if (pinfo.canDesegment && looksLikeRecordPrefix(tvb, off)) {
        pinfo.desegmentOffset = off;
        pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
        return tvb.length;
      }
    }
    if (!looksLikeRecord(tvb, off)) {
      // Not a record start: what TCP could not reassemble for us (or garbage).
      const len = tvb.remaining(off);
      if (top) top.addText(tvb, off, len, off === 0 ? 'Continuation Data' : 'Ignored Unknown Record');
      if (off === 0) appendInfoSep(cols, 'Continuation Data');
      else appendInfoSep(cols, 'Ignored Unknown Record');
      break;
    }
    const recLen = tvb.u16(off + 3);
    if (pinfo.canDesegment && avail < 5 + recLen) {
      pinfo.desegmentOffset = off;
      pinfo.desegmentLen = 5 + recLen - avail;
      break;
    }
    dissectRecord(tvb, off, recLen, pinfo, top, session, learn);
    off += 5 + recLen;
  }
  if (top) top.setLength(Math.min(off, tvb.length));
  return tvb.length;
}

function looksLikeRecordPrefix(tvb: Tvb, off: number): boolean {
  const ct = tvb.u8(off);
  return ct >= 20 && ct <= 24;
}

function dissectRecord(
  tvb: Tvb,
  off: number,
  len: number,
  pinfo: PacketInfo,
  top: ProtoNode | null,
  session: TlsSessionState,
  learn: boolean,
): void {
  const ct = tvb.u8(off);
  const version = tvb.u16(off + 1);
  const body = off + 5;
  const server = fromServer(pinfo, session);
  const firstByte = len > 0 && tvb.has(body, 1) ? tvb.u8(body) : -1;
  // Any record but a ClientHello tells the version in use (Wireshark's ssl_try_set_version).
  if (session.version === VERSION_UNKNOWN && learn) {
    const authoritative =
      ct === CT.HANDSHAKE
        ? firstByte > 0 && firstByte !== HS.CLIENT_HELLO && HANDSHAKE_TYPES.has(firstByte)
        : true;
    if (authoritative && version >= 0x0300 && version <= 0x0304) session.version = version;
  }
  const shownVersion = session.version !== VERSION_UNKNOWN ? session.version : version;
  const tls13 = session.version === TLS13;
  let rt: ProtoNode | null = null;
  if (top) {
    rt = top.add(hfTls.record, tvb, off, 5 + len, null);
    const opaque = tls13 && ct === CT.APP_DATA;
    rt.add(opaque ? hfTls.opaqueType : hfTls.contentType, tvb, off, 1, ct);
    rt.add(hfTls.recordVersion, tvb, off + 1, 2, version);
    rt.add(hfTls.recordLength, tvb, off + 3, 2, len);
  }
  const prefix = `${versionShort(shownVersion, 'SSL')} Record Layer: `;
  const cols = pinfo.cols;
  tvb.ensure(body, len);
  switch (ct) {
    case CT.CCS: {
      appendInfoSep(cols, 'Change Cipher Spec');
      if (rt) {
        rt.label = prefix + 'Change Cipher Spec Protocol: Change Cipher Spec';
        rt.add(hfTls.changeCipherSpec, tvb, body, len, null);
      }
      if (learn) {
        if (server) session.ccsFromServer = true;
        else session.ccsFromClient = true;
      }
      break;
    }
    case CT.ALERT: {
      const encrypted = len !== 2 || (server ? session.ccsFromServer : session.ccsFromClient);
      if (encrypted) {
        appendInfoSep(cols, 'Encrypted Alert');
        if (rt) {
          rt.label = prefix + 'Encrypted Alert';
          rt.add(hfTls.alert, tvb, body, len, null, 'Alert Message: Encrypted Alert');
        }
        break;
      }
      const level = tvb.u8(body);
      const desc = tvb.u8(body + 1);
      const text = `Alert (Level: ${ALERT_LEVELS.get(level) ?? 'Unknown'}, Description: ${ALERT_DESCRIPTIONS.get(desc) ?? 'Unknown'})`;
      appendInfoSep(cols, text);
      if (rt) {
        rt.label = prefix + text;
        const at = rt.add(hfTls.alert, tvb, body, 2, null, 'Alert Message');
        at.add(hfTls.alertLevel, tvb, body, 1, level);
        at.add(hfTls.alertDesc, tvb, body + 1, 1, desc);
      }
      break;
    }
    case CT.HANDSHAKE:
      dissectHandshakeRecord(tvb, body, len, pinfo, rt, prefix, session, learn, server);
      break;
    case CT.APP_DATA: {
      appendInfoSep(cols, 'Application Data');
      const app = appProtocol(pinfo);
      if (rt) {
        rt.label = `${prefix}Application Data Protocol: ${app ?? 'Application Data'}`;
        addBytes(rt, hfTls.appData, tvb, body, len);
        if (app) rt.add(hfTls.appDataProto, tvb, body, 0, app).setGenerated();
      }
      break;
    }
    default: {
      const name = CONTENT_TYPES.get(ct) ?? 'Unknown';
      appendInfoSep(cols, name);
      if (rt) rt.label = `${prefix}${name} Protocol`;
    }
  }
  cols?.setProtocol(versionShort(session.version !== VERSION_UNKNOWN ? session.version : version));
}

function dissectHandshakeRecord(
  tvb: Tvb,
  body: number,
  len: number,
  pinfo: PacketInfo,
  rt: ProtoNode | null,
  prefix: string,
  session: TlsSessionState,
  learn: boolean,
  server: boolean,
): void {
  const cols = pinfo.cols;
  const end = body + len;
  const encrypted =
    (server ? session.ccsFromServer : session.ccsFromClient) || !plausibleHandshakes(tvb, body, end);
  if (encrypted) {
    appendInfoSep(cols, 'Encrypted Handshake Message');
    if (rt) {
      rt.label = prefix + 'Handshake Protocol: Encrypted Handshake Message';
      rt.add(hfTls.handshake, tvb, body, len, null, 'Handshake Protocol: Encrypted Handshake Message');
    }
    return;
  }
  let p = body;
  const names: string[] = [];
  while (p + 4 <= end) {
    const type = tvb.u8(p);
    const mlen = tvb.u24(p + 1);
    const mend = Math.min(end, p + 4 + mlen);
    let name = handshakeName(type);
    if (type === HS.SERVER_HELLO && isHelloRetry(tvb, p + 4)) name = 'Hello Retry Request';
    names.push(name);
    appendInfoSep(cols, name);
    if (type === HS.CLIENT_HELLO && learn) session.server = endpoint(pinfo.dst, pinfo.dstPort);
    if (type === HS.SERVER_HELLO && learn) session.server = endpoint(pinfo.src, pinfo.srcPort);
    let ht: ProtoNode | null = null;
    if (rt) {
      ht = rt.add(hfTls.handshake, tvb, p, mend - p, null, `Handshake Protocol: ${name}`);
      ht.add(hfTls.hsType, tvb, p, 1, type);
      ht.add(hfTls.hsLength, tvb, p + 1, 3, mlen);
    }
    dissectHandshakeBody(tvb, p + 4, mend, type, ht, pinfo, session, learn);
    p += 4 + mlen;
  }
  if (rt)
    rt.label =
      prefix + 'Handshake Protocol: ' + (names.length === 1 ? names[0] : 'Multiple Handshake Messages');
}

/** Every handshake header in the record has a known type and fits: otherwise it is ciphertext. */
function plausibleHandshakes(tvb: Tvb, p: number, end: number): boolean {
  if (p + 4 > end) return false;
  while (p + 4 <= end) {
    const type = tvb.u8(p);
    const mlen = tvb.u24(p + 1);
    if (!HANDSHAKE_TYPES.has(type) || p + 4 + mlen > end) return false;
    p += 4 + mlen;
  }
  return p === end;
}

/** Heuristic for TLS on any TCP port, as tshark's enabled-by-default "tls" heuristic. */
function heuristicTls(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): boolean {
  if (!tvb.has(0, 5) || !looksLikeRecord(tvb, 0)) return false;
  const ct = tvb.u8(0);
  const version = tvb.u16(1);
  const len = tvb.u16(3);
  if (version < 0x0300 || version > 0x0304 || len === 0 || len > 16384 + 2048) return false;
  // Only a handshake (hello) opening is convincing enough on an unknown port.
  if (
    ct !== CT.HANDSHAKE ||
    !tvb.has(5, 1) ||
    (tvb.u8(5) !== HS.CLIENT_HELLO && tvb.u8(5) !== HS.SERVER_HELLO)
  )
    return false;
  dissectTls(tvb, pinfo, tree);
  return true;
}

const tcp = dissectorTable('tcp.port');
for (const port of TLS_TCP_PORTS) tcp.add(port, dissectTls);
heuristicList('tcp').add('tls', heuristicTls);
