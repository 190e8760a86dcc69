/**
 * TLS over TCP (Wireshark's dissect_ssl): the records of a payload, dispatched on the version
 * the connection is known to use (or guessed per record), with TCP reassembly requested for
 * records that continue in later segments. Without keys, encrypted records show as such.
 */
import { DESEGMENT_ONE_MORE_SEGMENT, type PacketInfo } from '../../dissect/packet-info';
import { dissectorTable, heuristicList, type TreeParent } from '../../dissect/tables';
import type { Tvb } from '../../dissect/tvb';
import { tcpSetConversationDissector, type TcpInfo } from '../tcp/tcp-info';
import { protoTls } from './fields';
import { dissectSsl3Record, isValidContentType, type RecordContext } from './record';
import { SSLV2, TlsState, VERSION_UNKNOWN, fromServerEndpoint, type TlsSessionState } from './session';
import { dissectSsl2Record } from './ssl2';
import { TLS_APP_PORTS } from './ports';
import { appendInfoSep, versionShort } from './util';

/** TCP ports tshark dissects as TLS by default. */
export const TLS_TCP_PORTS = [
  324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251, 3252, 3496, 5061, 5671, 5684,
  5868, 8883, 11207, 19999, 27017,
];

function newTlsState(): TlsState {
  return new TlsState();
}

function tlsState(pinfo: PacketInfo): TlsState {
  return pinfo.capture.stateFor('tls', newTlsState);
}

/** ssl_packet_from_server: by the server endpoint once known, else by the tls.port table. */
function packetFromServer(session: TlsSessionState, pinfo: PacketInfo): boolean {
  if (session.serverAddr) return fromServerEndpoint(session, pinfo);
  return TLS_APP_PORTS.has(pinfo.srcPort);
}

/** SSLv2-compatible ClientHello start (ssl_is_v2_client_hello). */
function isV2ClientHello(tvb: Tvb, offset: number): boolean {
  return tvb.u8(offset) === 0x80 && tvb.u8(offset + 2) === 0x01;
}

/** An unencrypted SSLv2 handshake message (ssl_looks_like_sslv2). */
function looksLikeSslv2(tvb: Tvb, offset: number): boolean {
  if (tvb.u8(offset) < 0x80) return false;
  const t = tvb.u8(offset + 2);
  return t === 0 || t === 1 || t === 2 || t === 4;
}

/** A record header with a known content type and SSLv3..TLS 1.2 version (ssl_looks_like_sslv3). */
function looksLikeSslv3(tvb: Tvb, offset: number): boolean {
  if (!isValidContentType(tvb.u8(offset))) return false;
  const v = tvb.u16(offset + 1);
  return v === 0x0300 || v === 0x0301 || v === 0x0302 || v === 0x0303 || v === 0x0101;
}

function isSsl3Family(v: number): boolean {
  return v === 0x0300 || v === 0x0301 || v === 0x0302 || v === 0x0303 || v === 0x0101;
}

/**
 * Payload that opens with four printable ASCII bytes is taken for clear text, not TLS (dissect_ssl
 * rejects it before looking at the session, so TCP hands it on, usually to data).
 */
function looksLikeText(tvb: Tvb): boolean {
  if (tvb.remaining(0) <= 4) return false;
  const b = tvb.bytes;
  const p = tvb.start;
  for (let i = 0; i < 4; i++) {
    const c = b[p + i];
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return true;
}

export function dissectTls(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): number {
  if (looksLikeText(tvb)) return 0;
  pinfo.currentProto = 'TLS';
  pinfo.addLayer('tls');
  const info = data && typeof data === 'object' && 'nxtseq' in data ? (data as TcpInfo) : null;
  const state = tlsState(pinfo);
  const session = state.sessionFor(pinfo, info?.stream);
  const fromServer = packetFromServer(session, pinfo);
  const calls = (pinfo.getData<number>('tls.calls') ?? 0) + 1;
  pinfo.setData('tls.calls', calls);
  const cols = pinfo.cols;
  if (cols) {
    cols.setProtocol(versionShort(session.version, 'SSL'));
    cols.clearInfo();
  }
  const top = tree ? tree.add(protoTls, tvb, 0, tvb.length, null, 'Transport Layer Security') : null;
  const ctx: RecordContext = { pinfo, state, session, fromServer, top, call: calls };
  let offset = 0;
  const need = { value: false };
  while (tvb.reportedRemaining(offset) > 0) {
    const v = session.version;
    if (v === SSLV2) {
      offset = dissectSsl2Record(tvb, offset, ctx, need);
    } else {
      if (tvb.reportedRemaining(offset) < 5) {
        if (pinfo.canDesegment) {
          pinfo.desegmentOffset = offset;
          pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
          need.value = true;
        } else {
          offset = tvb.reportedLength;
        }
      } else if (isSsl3Family(v)) {
        offset = isV2ClientHello(tvb, offset)
          ? dissectSsl2Record(tvb, offset, ctx, need)
          : dissectSsl3Record(tvb, offset, ctx, need);
      } else if (looksLikeSslv2(tvb, offset)) {
        offset = dissectSsl2Record(tvb, offset, ctx, need);
      } else if (looksLikeSslv3(tvb, offset)) {
        offset = dissectSsl3Record(tvb, offset, ctx, need);
      } else {
        offset = tvb.reportedLength;
        appendInfoSep(cols, 'Continuation Data');
      }
    }
    if (need.value) return tvb.length;
  }
  cols?.setFence();
  return tvb.length;
}

/** SSLv3/TLS record header or SSLv2-compatible ClientHello on any port (is_sslv3_or_tls / is_sslv2_clienthello). */
function heuristicTls(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): boolean {
  if (!looksLikeTlsStart(tvb) && !looksLikeV2ClientHello(tvb)) return false;
  tcpSetConversationDissector(pinfo, dissectTls);
  dissectTls(tvb, pinfo, tree, data);
  return true;
}

function looksLikeTlsStart(tvb: Tvb): boolean {
  if (tvb.length < 5) return false;
  const ct = tvb.u8(0);
  const v = tvb.u16(1);
  const len = tvb.u16(3);
  if (ct !== 22 && ct !== 23) return false;
  if (!isSsl3Family(v)) return false;
  return len !== 0 && len < 16384 + 2048;
}

function looksLikeV2ClientHello(tvb: Tvb): boolean {
  if (tvb.length < 46) return false;
  if (tvb.u8(0) !== 0x80 || tvb.u8(2) !== 1) return false;
  const cs = tvb.u16(5);
  if (cs === 0 || cs % 3 !== 0) return false;
  const sid = tvb.u16(7);
  if (sid !== 0 && sid !== 16) return false;
  return tvb.u16(9) === 32;
}

const tcp = dissectorTable('tcp.port');
for (const port of TLS_TCP_PORTS) tcp.add(port, dissectTls);
heuristicList('tcp').add('tls', heuristicTls);

export { VERSION_UNKNOWN };
