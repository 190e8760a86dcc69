/**
 * SSLv2 records (dissect_ssl2_record), in practice the SSLv2-compatible ClientHello old
 * clients send to open an SSLv3/TLS handshake.
 */
import { FRAME_MARK } from '../../dissect/frame-marks';
import { DESEGMENT_ONE_MORE_SEGMENT } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { hfTls, hfTlsLayer } from './fields';
import type { RecordContext } from './record';
import { setServer, SSLV2, VERSION_UNKNOWN } from './session';
import { appendInfoSep } from './util';
import { SSL2_MSG_TYPES, VERSIONS } from './values-data';

const MSG = { ERROR: 0, CLIENT_HELLO: 1, CLIENT_MASTER_KEY: 2, SERVER_HELLO: 4 } as const;

function validVersion(v: number): boolean {
  return VERSIONS.has(v);
}

/** ssl_looks_like_valid_v2_handshake */
function plausible(tvb: Tvb, offset: number, recordLength: number): boolean {
  switch (tvb.u8(offset)) {
    case MSG.CLIENT_HELLO:
      return validVersion(tvb.u16(offset + 1));
    case MSG.SERVER_HELLO:
      return validVersion(tvb.u16(offset + 3));
    case MSG.CLIENT_MASTER_KEY:
      return tvb.u16(offset + 4) + tvb.u16(offset + 6) + tvb.u16(offset + 8) <= recordLength;
    default:
      return false;
  }
}

export function dissectSsl2Record(
  tvb: Tvb,
  offset: number,
  ctx: RecordContext,
  need: { value: boolean },
): number {
  const { pinfo, session } = ctx;
  // SSLv2 records carry tls.handshake.* fields (cipher specs, session id, challenge).
  pinfo.marks |= FRAME_MARK.TLS_HANDSHAKE;
  const initial = offset;
  const b = tvb.u8(offset);
  const lenLen = b & 0x80 ? 2 : 3;
  const available = tvb.reportedRemaining(offset);
  if (available < lenLen) {
    if (pinfo.canDesegment) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      need.value = true;
      return offset;
    }
    return offset + available;
  }
  let length: number;
  let isEscape = -1;
  let padding = -1;
  if (lenLen === 2) {
    length = ((b & 0x7f) << 8) + tvb.u8(offset + 1);
  } else {
    isEscape = b & 0x40 ? 1 : 0;
    length = ((b & 0x3f) << 8) + tvb.u8(offset + 1);
    padding = tvb.u8(offset + 2);
  }
  if (available < lenLen + length) {
    if (pinfo.canDesegment) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = lenLen + length - available;
      need.value = true;
      return offset;
    }
    return offset + available;
  }
  offset += lenLen;
  tvb.ensure(initial, lenLen + length);
  const rt = ctx.top ? ctx.top.add(hfTlsLayer.ssl2Record, tvb, initial, lenLen + length, null) : null;
  const msgType = tvb.u8(initial + lenLen);
  if (session.version === VERSION_UNKNOWN && msgType >= 2 && msgType <= 8) session.version = SSLV2;
  pinfo.cols?.setProtocol('SSLv2');
  const name = SSL2_MSG_TYPES.get(msgType);
  if (!name || !plausible(tvb, initial + lenLen, length)) {
    if (rt) {
      rt.label = 'SSLv2 Record Layer: Encrypted Data';
      rt.add(hfTls.recordVersion, tvb, initial, 0, 0x0002).setGenerated();
    }
    appendInfoSep(pinfo.cols, 'Encrypted Data');
    return initial + lenLen + length;
  }
  appendInfoSep(pinfo.cols, name);
  if (rt) {
    rt.label = `SSLv2 Record Layer: ${name}`;
    rt.add(hfTls.recordVersion, tvb, initial, 0, 0x0002).setGenerated();
    rt.add(hfTls.recordLength, tvb, initial, lenLen, length);
    if (isEscape !== -1) rt.add(hfTlsLayer.isEscape, tvb, initial, 1, isEscape);
    if (padding !== -1) rt.add(hfTlsLayer.paddingLength, tvb, initial + 2, 1, padding);
    rt.add(hfTlsLayer.ssl2MsgType, tvb, offset, 1, msgType);
  }
  offset += 1;
  if (msgType === MSG.CLIENT_HELLO) clientHello(tvb, offset, ctx, rt);
  return initial + lenLen + length;
}

function clientHello(tvb: Tvb, offset: number, ctx: RecordContext, rt: ProtoNode | null): void {
  const version = tvb.u16(offset);
  if (!validVersion(version)) return;
  if (!ctx.pinfo.visited) setServer(ctx.session, ctx.pinfo);
  rt?.add(hfTlsLayer.clientVersion, tvb, offset, 2, version);
  offset += 2;
  const csLen = tvb.u16(offset);
  rt?.add(hfTlsLayer.cipherSpecLen, tvb, offset, 2, csLen);
  offset += 2;
  const sidLen = tvb.u16(offset);
  rt?.add(hfTlsLayer.ssl2SessionIdLen, tvb, offset, 2, sidLen);
  if (sidLen > 16) return;
  offset += 2;
  const chLen = tvb.u16(offset);
  rt?.add(hfTlsLayer.challengeLen, tvb, offset, 2, chLen);
  offset += 2;
  const n = Math.floor(csLen / 3);
  const cs = rt ? rt.add(hfTls.cipherSuites, tvb, offset, csLen, null, `Cipher Specs (${n} specs)`) : null;
  for (let left = csLen; left > 0; left -= 3) {
    cs?.add(hfTlsLayer.cipherSpec, tvb, offset, 3, tvb.u24(offset));
    offset += 3;
  }
  if (sidLen > 0) {
    tvb.ensure(offset, sidLen);
    rt?.add(
      hfTls.sessionId,
      tvb,
      offset,
      sidLen,
      tvb.view(offset, sidLen),
      `Session ID (${sidLen} byte${sidLen === 1 ? '' : 's'})`,
    );
    offset += sidLen;
  }
  if (chLen > 0) {
    tvb.ensure(offset, chLen);
    rt?.add(hfTlsLayer.challenge, tvb, offset, chLen, null);
  }
}
