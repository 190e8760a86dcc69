/**
 * The handshake messages of a record (Wireshark's dissect_tls_handshake): messages that do not
 * fit in the record are collected across the following records of the same direction and
 * shown, complete, in the record that finishes them ("Reassembled TLS Handshake"); records
 * that look like ciphertext are shown as "Encrypted Handshake Message".
 */
import { FRAME_MARK } from '../../dissect/frame-marks';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import { Tvb } from '../../dissect/tvb';
import { scanSupportedVersion } from './extensions';
import { hfTls, hfTlsLayer } from './fields';
import { dissectHandshakeBody, HS, isHelloRetry } from './handshake';
import type { RecordContext } from './record';
import { trySetVersion } from './record';
import { setServer, VERSION_UNKNOWN, type HsFragment } from './session';
import { appendInfoSep, versionShort } from './util';
import { HANDSHAKE_TYPES } from './values-data';

const ENCRYPTED = 'Encrypted Handshake Message';

/** is_encrypted_handshake_message */
function looksEncrypted(
  tvb: Tvb,
  offset: number,
  end: number,
  maybeEncrypted: boolean,
  ctx: RecordContext,
): boolean {
  if (end - offset < 16) return false;
  let enc = maybeEncrypted;
  if (enc) {
    // An explicit nonce of zeros (AEAD in TLS 1.2) or anything after this side's ChangeCipherSpec.
    enc = tvb.u32(offset) === 0 && tvb.u8(offset + 4) === 0;
    if (!enc) {
      const ccs = ctx.fromServer ? ctx.session.serverCcsFrame : ctx.session.clientCcsFrame;
      enc = ccs !== 0 && ctx.pinfo.num > ccs;
    }
  }
  if (!enc) {
    enc = !HANDSHAKE_TYPES.has(tvb.u8(offset));
    if (!enc) enc = tvb.u24(offset + 1) >= 0x10000;
  }
  return enc;
}

/** tls_show_handshake_details: the Info column, the record label and the handshake item. */
function showDetails(
  pinfo: PacketInfo,
  rt: ProtoNode | null,
  version: number,
  msgType: number,
  encrypted: boolean,
  first: boolean,
  complete: boolean,
  tvb: Tvb,
  offset: number,
  length: number,
): ProtoNode | null {
  const name = encrypted ? ENCRYPTED : (HANDSHAKE_TYPES.get(msgType) ?? ENCRYPTED);
  if (complete) appendInfoSep(pinfo.cols, name);
  else if (first) appendInfoSep(pinfo.cols, `[${name} Fragment]`);
  const partial = !complete && !encrypted;
  if (rt) {
    rt.label = first
      ? `${versionShort(version, 'TLS')} Record Layer: Handshake Protocol: ${name}${partial ? ' (fragment)' : ''}`
      : `${versionShort(version, 'TLS')} Record Layer: Handshake Protocol: Multiple Handshake Messages`;
  }
  tvb.ensure(offset, length);
  return rt
    ? rt.add(
        hfTls.handshake,
        tvb,
        offset,
        length,
        null,
        `Handshake Protocol: ${name}${partial ? ' (fragment)' : ''}`,
      )
    : null;
}

function fragmentTree(rt: ProtoNode | null, ctx: RecordContext, id: number, tvb: Tvb): void {
  const r = ctx.state.reassemblies.get(id);
  if (!rt || !r || !r.bytes) return;
  const pieces = r.pieces;
  const list = pieces.map((p) => `#${p.frame}(${p.data.length})`).join(', ');
  const ft = rt.add(
    hfTlsLayer.fragments,
    tvb,
    0,
    tvb.length,
    null,
    `${pieces.length} Reassembled Handshake Fragments (${r.bytes.length} bytes): ${list}`,
  );
  for (const p of pieces) {
    ft.add(
      hfTlsLayer.fragment,
      tvb,
      p.offset,
      p.data.length,
      p.frame,
      `Frame: ${p.frame}, payload: ${p.offset}-${p.offset + p.data.length - 1} (${p.data.length} bytes)`,
    );
  }
  ft.add(hfTlsLayer.fragmentCount, tvb, 0, 0, pieces.length).setGenerated();
}

/** Dissects the handshake data [offset, end) of one record. */
export function dissectTlsHandshake(
  tvb: Tvb,
  offset: number,
  end: number,
  maybeEncrypted: boolean,
  recordId: string,
  ctx: RecordContext,
  rt: ProtoNode | null,
  version: number,
): void {
  const { pinfo, session, state } = ctx;
  pinfo.marks |= FRAME_MARK.TLS_HANDSHAKE;
  const key = ctx.fromServer ? 'serverHsReassembly' : 'clientHsReassembly';
  let frag: HsFragment | null = null;
  let fragIndex = -1;
  const frameFrags = (): HsFragment[] => state.fragments.get(pinfo.num) ?? [];

  if (!pinfo.visited) {
    const id = session[key];
    if (id) {
      const r = state.reassemblies.get(id);
      const pieces = r ? r.pieces : [];
      let have = 0;
      for (const p of pieces) have += p.data.length;
      // The message length comes from the first four bytes of the message, wherever they are.
      const head: number[] = [];
      for (const p of pieces) for (const b of p.data) if (head.length < 4) head.push(b);
      for (let i = offset; head.length < 4 && i < tvb.length; i++) head.push(tvb.u8(i));
      let subset = end - offset;
      let msgLen = 0;
      if (head.length >= 4) {
        msgLen = 4 + ((head[1] << 16) | (head[2] << 8) | head[3]);
        if (subset > msgLen - have) subset = msgLen - have;
      }
      if (tvb.length < offset + subset) {
        // Bytes missing from the capture: the message can never be completed.
        session[key] = 0;
      } else {
        const isLast = have + subset === msgLen;
        frag = { recordId, reassemblyId: id, isLast, offset: have, type: head[0] };
        state.addPiece(pinfo, frag, tvb.view(offset, subset));
        fragIndex = frameFrags().length - 1;
        if (isLast) session[key] = 0;
      }
    }
  } else {
    const list = frameFrags();
    fragIndex = list.findIndex((f) => f.recordId === recordId);
    frag = fragIndex >= 0 ? list[fragIndex] : null;
  }

  let first = true;
  if (frag && frag.offset !== 0) {
    const r = state.reassemblies.get(frag.reassemblyId);
    if (frag.isLast && r?.bytes) {
      const subset = r.bytes.length - frag.offset;
      tvb.ensure(offset, subset);
      rt?.add(
        hfTls.handshake,
        tvb,
        offset,
        subset,
        null,
        `Handshake Protocol: ${HANDSHAKE_TYPES.get(frag.type) ?? ENCRYPTED} (last fragment)`,
      );
      offset += subset;
      const whole = Tvb.of({ name: `Reassembled TLS Handshake (${r.bytes.length} bytes)`, bytes: r.bytes });
      rt?.root.addSource(whole.source);
      fragmentTree(rt, ctx, frag.reassemblyId, whole);
      dissectFullMessage(whole, 0, ctx, rt, version, true);
      first = false;
      const next = frameFrags()[fragIndex + 1];
      frag = next && next.recordId === recordId ? next : null;
    } else {
      showDetails(pinfo, rt, version, frag.type, false, false, false, tvb, offset, end - offset);
      if (r && r.reassembledIn) rt?.add(hfTlsLayer.reassembledIn, tvb, 0, 0, r.reassembledIn);
      return;
    }
  } else if (!frag) {
    if (looksEncrypted(tvb, offset, end, maybeEncrypted, ctx)) {
      showDetails(pinfo, rt, version, 0, true, true, true, tvb, offset, end - offset);
      return;
    }
  }

  while (offset < end) {
    const subset = end - offset;
    const msgLen = subset >= 4 ? 4 + tvb.u24(offset + 1) : 0;
    if (msgLen === 0 || subset < msgLen) {
      if (!pinfo.visited) {
        const id = state.newReassembly();
        session[key] = id;
        frag = { recordId, reassemblyId: id, isLast: false, offset: 0, type: tvb.u8(offset) };
        tvb.ensure(offset, subset);
        state.addPiece(pinfo, frag, tvb.view(offset, subset));
      }
      if (!frag) break;
      showDetails(pinfo, rt, version, frag.type, false, first, false, tvb, offset, subset);
      const r = state.reassemblies.get(frag.reassemblyId);
      if (r && r.reassembledIn) rt?.add(hfTlsLayer.reassembledIn, tvb, 0, 0, r.reassembledIn);
      break;
    }
    dissectFullMessage(tvb, offset, ctx, rt, version, first);
    offset += msgLen;
    first = false;
  }
}

/** dissect_tls_handshake_full: one complete handshake message at `offset`. */
function dissectFullMessage(
  tvb: Tvb,
  offset: number,
  ctx: RecordContext,
  rt: ProtoNode | null,
  version: number,
  first: boolean,
): void {
  const { pinfo, session } = ctx;
  const type = tvb.u8(offset);
  const length = tvb.u24(offset + 1);
  const known = HANDSHAKE_TYPES.has(type);
  if (!known && !first) return;
  let shownType = type;
  if (first && type === HS.SERVER_HELLO && length > 2) {
    const body = offset + 4;
    const bodyEnd = body + length;
    const hrr = isHelloRetry(tvb, body);
    let serverVersion = tvb.u16(body);
    // Supported versions extension (TLS 1.3) overrides the legacy version.
    const sidLen = tvb.u8(body + 34);
    const extStart = body + 35 + sidLen + 3;
    if (extStart + 2 <= bodyEnd) {
      const selected = scanSupportedVersion(tvb, extStart + 2, bodyEnd);
      if (selected) serverVersion = selected;
    }
    trySetVersion(session, 22, HS.SERVER_HELLO, serverVersion);
    if (hrr) shownType = 6;
  }
  const ht = showDetails(pinfo, rt, version, shownType, false, first, true, tvb, offset, length + 4);
  if (!known) return;
  if (ht) {
    ht.add(hfTls.hsType, tvb, offset, 1, type);
    ht.add(hfTls.hsLength, tvb, offset + 1, 3, length);
  }
  if (type === HS.CLIENT_HELLO && !pinfo.visited) setServer(session, pinfo);
  // A ServerHello shows the negotiated version (TLS 1.3 via supported_versions) in the column.
  if (type === HS.SERVER_HELLO && session.version !== VERSION_UNKNOWN)
    pinfo.cols?.setProtocol(versionShort(session.version));
  dissectHandshakeBody(tvb, offset + 4, offset + 4 + length, type, ht, pinfo, session, !pinfo.visited);
}
