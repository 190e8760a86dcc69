/**
 * One SSLv3/TLS record (Wireshark's dissect_ssl3_record): header, version learning, and the
 * content by type. Records that continue past the segment ask TCP for the rest; records cut
 * by the snaplen stop the dissection with the usual "packet size limited" exception.
 */
import { SEVERITY } from '../../dissect/expert';
import { DESEGMENT_ONE_MORE_SEGMENT, type PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { addExpert } from '../dns/expert';
import { TLS_APP_PORTS } from './ports';
import { hfTls, hfTlsExpert, hfTlsLayer } from './fields';
import { dissectTlsHandshake } from './handshake-layer';
import { TLS13, VERSION_UNKNOWN, type TlsSessionState, type TlsState } from './session';
import { appendInfoSep, versionShort } from './util';
import { ALERT_DESCRIPTIONS, ALERT_LEVELS, CONTENT_TYPES, HANDSHAKE_TYPES } from './values-data';

export const CT = { CCS: 20, ALERT: 21, HANDSHAKE: 22, APP_DATA: 23, HEARTBEAT: 24, TLS12_CID: 25 } as const;

export interface RecordContext {
  pinfo: PacketInfo;
  state: TlsState;
  session: TlsSessionState;
  fromServer: boolean;
  /** The TLS protocol item records go under. */
  top: ProtoNode | null;
  /** Which TLS call of this frame this is (records are identified per call and offset). */
  call: number;
}

export function isValidContentType(ct: number): boolean {
  return ct >= CT.CCS && ct <= CT.TLS12_CID;
}

const TLS_MAX_RECORD_LENGTH = 0x4000;

/** ssl_try_set_version: any record but a ClientHello tells the connection's version. */
export function trySetVersion(
  session: TlsSessionState,
  contentType: number,
  hsType: number,
  version: number,
): void {
  const authoritative =
    (contentType === CT.HANDSHAKE && HANDSHAKE_TYPES.has(hsType) && hsType !== 1) ||
    (contentType !== CT.HANDSHAKE && isValidContentType(contentType));
  if (!authoritative) return;
  let v = version;
  if ((v & 0xff00) === 0x7f00) v = TLS13;
  else if (!(v === 0x0300 || v === 0x0301 || v === 0x0302 || v === 0x0303 || v === 0x0304 || v === 0x0101))
    return;
  session.version = v;
}

/** Returns the offset after the record; sets need.value when TCP must supply more data. */
export function dissectSsl3Record(
  tvb: Tvb,
  offset: number,
  ctx: RecordContext,
  need: { value: boolean },
): number {
  const { pinfo, session } = ctx;
  const cols = pinfo.cols;
  const available = tvb.reportedRemaining(offset);
  const sv = session.version;
  if (
    (sv === 0x0301 || sv === 0x0302 || sv === 0x0303 || sv === 0x0101) &&
    available >= 1 &&
    !isValidContentType(tvb.u8(offset))
  ) {
    const it = ctx.top ? ctx.top.addText(tvb, offset, available, 'Ignored Unknown Record') : null;
    addExpert(
      pinfo,
      it,
      hfTlsExpert.ignoredUnknownRecord,
      SEVERITY.WARN,
      'Protocol',
      'Ignored Unknown Record',
    );
    // The expert item covers the rest of the data: tshark stops here when it was not captured.
    tvb.ensure(offset, available);
    appendInfoSep(cols, 'Ignored Unknown Record');
    return offset + available;
  }
  if (available < 5) {
    if (pinfo.canDesegment) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      need.value = true;
      return offset;
    }
    return offset + available;
  }
  const contentType = tvb.u8(offset);
  let version = tvb.u16(offset + 1);
  const recordVersion = version;
  const length = tvb.u16(offset + 3);
  if (isValidContentType(contentType)) {
    if (available < length + 5) {
      if (pinfo.canDesegment) {
        pinfo.desegmentOffset = offset;
        pinfo.desegmentLen = length + 5 - available;
        need.value = true;
        return offset;
      }
      return offset + available;
    }
  } else {
    appendInfoSep(cols, 'Continuation Data');
    return offset + 5 + length;
  }

  const rt = ctx.top ? ctx.top.add(hfTls.record, tvb, offset, 5 + length, null) : null;
  if (rt) {
    rt.add(
      session.version === TLS13 && contentType === CT.APP_DATA ? hfTls.opaqueType : hfTls.contentType,
      tvb,
      offset,
      1,
      contentType,
    );
    rt.add(hfTls.recordVersion, tvb, offset + 1, 2, recordVersion);
  }
  const lengthItem = rt ? rt.add(hfTls.recordLength, tvb, offset + 3, 2, length) : null;
  const body = offset + 5;
  const nextByte = tvb.u8(body);
  if (session.version === VERSION_UNKNOWN) {
    trySetVersion(session, contentType, nextByte, version);
    cols?.setProtocol(versionShort(version, 'SSL'));
  } else {
    version = session.version;
  }
  // The first pass tries to decrypt every record but TLS 1.3 plaintext ones, which reads the
  // record's last bytes (kept for the next IV): a record cut by the snaplen stops here.
  if (!pinfo.visited && length > 0 && (session.version !== TLS13 || contentType === CT.APP_DATA)) {
    const tail = Math.min(length, 24);
    tvb.ensure(body + length - tail, tail);
  }
  checkRecordLength(pinfo, contentType, length, lengthItem, version);

  switch (contentType) {
    case CT.CCS:
      appendInfoSep(cols, 'Change Cipher Spec');
      rt?.add(hfTls.changeCipherSpec, tvb, body, 1, null);
      if (rt)
        rt.label = `${versionShort(version, 'SSL')} Record Layer: Change Cipher Spec Protocol: Change Cipher Spec`;
      if (!pinfo.visited) {
        if (ctx.fromServer) session.serverCcsFrame = pinfo.num;
        else session.clientCcsFrame = pinfo.num;
      }
      break;
    case CT.ALERT:
      dissectAlert(tvb, body, length, ctx, rt);
      break;
    case CT.HANDSHAKE: {
      const recordId = `${ctx.call}:${tvb.sourceOffset + offset}:${tvb.source.name}`;
      dissectTlsHandshake(tvb, body, body + length, true, recordId, ctx, rt, version);
      break;
    }
    case CT.APP_DATA: {
      appendInfoSep(cols, 'Application Data');
      const app = TLS_APP_PORTS.get(pinfo.srcPort) ?? TLS_APP_PORTS.get(pinfo.dstPort) ?? null;
      if (rt) {
        rt.label = `${versionShort(version, 'SSL')} Record Layer: ${CONTENT_TYPES.get(contentType)} Protocol: ${app ?? 'Application Data'}`;
        rt.add(hfTls.appData, tvb, body, length, tvb.view(body, length));
        if (app) rt.add(hfTls.appDataProto, tvb, 0, 0, app).setGenerated();
      }
      break;
    }
    case CT.HEARTBEAT:
      if (version === TLS13) break;
      dissectHeartbeat(tvb, body, length, ctx, rt);
      break;
    default:
      break;
  }
  return body + length;
}

function checkRecordLength(
  pinfo: PacketInfo,
  ct: number,
  length: number,
  item: ProtoNode | null,
  version: number,
): void {
  const expansion = version === TLS13 ? 256 : 2048;
  if (length === 0 && (ct === CT.CCS || ct === CT.ALERT || ct === CT.HANDSHAKE)) {
    addExpert(
      pinfo,
      item,
      hfTlsExpert.recordLengthInvalid,
      SEVERITY.ERROR,
      'Malformed',
      `Zero-length ${CONTENT_TYPES.get(ct) ?? 'unknown'} fragments are not allowed`,
    );
  }
  if (length > TLS_MAX_RECORD_LENGTH + expansion) {
    addExpert(
      pinfo,
      item,
      hfTlsExpert.recordLengthInvalid,
      SEVERITY.ERROR,
      'Malformed',
      `TLSCiphertext length MUST NOT exceed 2^14 + ${expansion}`,
    );
  }
}

function dissectAlert(
  tvb: Tvb,
  offset: number,
  length: number,
  ctx: RecordContext,
  rt: ProtoNode | null,
): void {
  const { pinfo, session } = ctx;
  const cols = pinfo.cols;
  let at: ProtoNode | null = null;
  if (rt) {
    tvb.ensure(offset, length);
    at = rt.add(hfTls.alert, tvb, offset, length, null);
  }
  const short = versionShort(session.version, 'TLS');
  if (length !== 2) {
    appendInfoSep(cols, 'Encrypted Alert');
    if (rt) rt.label = `${short} Record Layer: Encrypted Alert`;
    if (at) at.label = 'Alert Message: Encrypted Alert';
    return;
  }
  const level = tvb.u8(offset);
  const desc = tvb.u8(offset + 1);
  const text = `Alert (Level: ${ALERT_LEVELS.get(level) ?? 'Unknown'}, Description: ${ALERT_DESCRIPTIONS.get(desc) ?? 'Unknown'})`;
  appendInfoSep(cols, text);
  if (rt && at) {
    rt.label = `${short} Record Layer: ${text}`;
    at.add(hfTls.alertLevel, tvb, offset, 1, level);
    at.add(hfTls.alertDesc, tvb, offset + 1, 1, desc);
  }
}

const HEARTBEAT_TYPES: Record<number, string> = { 1: 'Request', 2: 'Response' };

function dissectHeartbeat(
  tvb: Tvb,
  offset: number,
  length: number,
  ctx: RecordContext,
  rt: ProtoNode | null,
): void {
  const { pinfo, session } = ctx;
  let ht: ProtoNode | null = null;
  if (rt) {
    tvb.ensure(offset, length);
    ht = rt.add(hfTlsLayer.heartbeat, tvb, offset, length, null);
  }
  const type = HEARTBEAT_TYPES[tvb.u8(offset)];
  let payloadLen = tvb.u16(offset + 1);
  let paddingLen = (length - 3 - payloadLen) & 0xffff;
  // Without keys there is no decoder, so Wireshark takes every heartbeat as plaintext.
  const decrypted = true;
  const short = versionShort(session.version, 'SSL');
  if (type && decrypted) {
    appendInfoSep(pinfo.cols, `Heartbeat ${type}`);
    if (rt) rt.label = `${short} Record Layer: Heartbeat ${type}`;
    let lenItem: ProtoNode | null = null;
    if (ht) {
      ht.add(hfTlsLayer.heartbeatType, tvb, offset, 1, tvb.u8(offset));
      lenItem = ht.add(hfTlsLayer.heartbeatPayloadLength, tvb, offset + 1, 2, payloadLen);
    }
    if (3 + payloadLen + 16 > length) {
      // No room for the padding: the payload is cut so that it can still be selected.
      const claimed = payloadLen;
      payloadLen = (length - 3) & 0xffff;
      paddingLen = 0;
      addExpert(
        pinfo,
        lenItem,
        hfTlsExpert.heartbeatPayloadLength,
        SEVERITY.ERROR,
        'Malformed',
        `Invalid heartbeat payload length (${claimed})`,
      );
      if (lenItem)
        lenItem.label = `Payload Length: ${claimed} (invalid, using ${payloadLen} to decode payload)`;
    }
    if (ht) {
      const p = offset + 3;
      ht.add(
        hfTlsLayer.heartbeatPayload,
        tvb,
        p,
        payloadLen,
        tvb.view(p, payloadLen),
        `Payload (${payloadLen} byte${payloadLen === 1 ? '' : 's'})`,
      );
      if (paddingLen) {
        const q = p + payloadLen;
        ht.add(
          hfTlsLayer.heartbeatPadding,
          tvb,
          q,
          paddingLen,
          tvb.view(q, paddingLen),
          `Padding and HMAC (${paddingLen} byte${paddingLen === 1 ? '' : 's'})`,
        );
      }
    }
  } else {
    appendInfoSep(pinfo.cols, 'Encrypted Heartbeat');
    if (rt) rt.label = `${short} Record Layer: Encrypted Heartbeat`;
    if (ht) ht.label = 'Encrypted Heartbeat Message';
  }
}
