import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { hfTls } from './fields';
import { TLS13, type TlsSessionState } from './session';
import { addBytes, isGrease } from './util';
import { EXTENSION_TYPES, GROUPS, SIG_ALGS } from './values-data';

/** Which handshake message carries the extensions (their layout differs). */
export type ExtContext = 'client_hello' | 'server_hello' | 'hello_retry_request' | 'other';

/** What JA3 needs from the extension block. */
export interface ExtSummary {
  types: number[];
  groups: number[];
  pointFormats: number[];
  /** supported_versions of a ServerHello/HRR (0 if absent). */
  selectedVersion: number;
  alpn: string[];
}

/** Reads only the selected version of a ServerHello's extensions (Wireshark's tls_scan_server_hello). */
export function scanSupportedVersion(tvb: Tvb, off: number, end: number): number {
  while (off + 4 <= end && tvb.has(off, 4)) {
    const type = tvb.u16(off);
    const len = tvb.u16(off + 2);
    if (type === 43 && len === 2 && tvb.has(off + 4, 2)) return tvb.u16(off + 4);
    off += 4 + len;
  }
  return 0;
}

export function dissectExtensions(
  tvb: Tvb,
  off: number,
  end: number,
  ctx: ExtContext,
  t: ProtoNode | null,
  pinfo: PacketInfo,
  session: TlsSessionState,
): ExtSummary {
  const sum: ExtSummary = { types: [], groups: [], pointFormats: [], selectedVersion: 0, alpn: [] };
  if (off + 2 > end) return sum;
  const total = tvb.u16(off);
  t?.add(hfTls.extensionsLength, tvb, off, 2, total);
  off += 2;
  const stop = Math.min(end, off + total);
  while (off + 4 <= stop) {
    const type = tvb.u16(off);
    const len = tvb.u16(off + 2);
    const body = off + 4;
    tvb.ensure(body, len);
    sum.types.push(type);
    let et: ProtoNode | null = null;
    if (t) {
      const name = EXTENSION_TYPES.get(type) ?? 'Unknown type';
      et = t.addText(tvb, off, 4 + len, `Extension: ${name} (len=${len})`);
      et.add(hfTls.extType, tvb, off, 2, type);
      et.add(hfTls.extLen, tvb, off + 2, 2, len);
    }
    dissectExtension(tvb, body, len, type, ctx, et, sum, pinfo, session);
    off = body + len;
  }
  return sum;
}

function dissectExtension(
  tvb: Tvb,
  o: number,
  len: number,
  type: number,
  ctx: ExtContext,
  et: ProtoNode | null,
  sum: ExtSummary,
  _pinfo: PacketInfo,
  session: TlsSessionState,
): void {
  const end = o + len;
  switch (type) {
    case 0: {
      if (len === 0) return;
      const st = et?.addText(tvb, o, len, 'Server Name Indication extension') ?? null;
      const listLen = tvb.u16(o);
      st?.add(hfTls.sniListLen, tvb, o, 2, listLen);
      let p = o + 2;
      while (p + 3 <= end) {
        const nt = tvb.u8(p);
        const nl = tvb.u16(p + 1);
        const name = tvb.latin1(p + 3, nl);
        if (st) {
          st.add(hfTls.sniType, tvb, p, 1, nt);
          st.add(hfTls.sniLen, tvb, p + 1, 2, nl);
          st.add(hfTls.sni, tvb, p + 3, nl, name);
        }
        p += 3 + nl;
      }
      return;
    }
    case 10: {
      const l = tvb.u16(o);
      const n = l >> 1;
      let gt: ProtoNode | null = null;
      if (et) {
        et.add(hfTls.groupsLength, tvb, o, 2, l);
        gt = et.add(hfTls.groups, tvb, o + 2, l, null, `Supported Groups (${n} group${n === 1 ? '' : 's'})`);
      }
      for (let i = 0; i < n; i++) {
        const g = tvb.u16(o + 2 + i * 2);
        if (!isGrease(g)) sum.groups.push(g);
        gt?.add(hfTls.group, tvb, o + 2 + i * 2, 2, g);
      }
      return;
    }
    case 11: {
      const l = tvb.u8(o);
      let ft: ProtoNode | null = null;
      if (et) {
        et.add(hfTls.ecPointFormatsLength, tvb, o, 1, l);
        ft = et.add(hfTls.ecPointFormats, tvb, o + 1, l, null, `Elliptic curves point formats (${l})`);
      }
      for (let i = 0; i < l; i++) {
        const f = tvb.u8(o + 1 + i);
        sum.pointFormats.push(f);
        ft?.add(hfTls.ecPointFormat, tvb, o + 1 + i, 1, f);
      }
      return;
    }
    case 13: {
      const l = tvb.u16(o);
      const n = l >> 1;
      if (!et) return;
      et.add(hfTls.sigHashAlgLen, tvb, o, 2, l);
      const st = et.add(
        hfTls.sigHashAlgs,
        tvb,
        o + 2,
        l,
        null,
        `Signature Hash Algorithms (${n} algorithm${n === 1 ? '' : 's'})`,
      );
      for (let i = 0; i < n; i++) addSigAlg(st, tvb, o + 2 + i * 2);
      return;
    }
    case 16: {
      const l = tvb.u16(o);
      let lt: ProtoNode | null = null;
      if (et) {
        et.add(hfTls.alpnLen, tvb, o, 2, l);
        lt = et.add(hfTls.alpnList, tvb, o + 2, l, null, 'ALPN Protocol');
      }
      let p = o + 2;
      while (p < o + 2 + l) {
        const sl = tvb.u8(p);
        const s = tvb.latin1(p + 1, sl);
        sum.alpn.push(s);
        if (lt) {
          lt.add(hfTls.alpnStrLen, tvb, p, 1, sl);
          lt.add(hfTls.alpnStr, tvb, p + 1, sl, s);
        }
        p += 1 + sl;
      }
      if (ctx === 'server_hello' && sum.alpn.length > 0) session.alpn = sum.alpn[0];
      return;
    }
    case 43: {
      if (ctx === 'client_hello') {
        const l = tvb.u8(o);
        et?.add(hfTls.supportedVersionsLen, tvb, o, 1, l);
        for (let p = o + 1; p < o + 1 + l; p += 2) et?.add(hfTls.supportedVersion, tvb, p, 2, tvb.u16(p));
      } else if (len >= 2) {
        const v = tvb.u16(o);
        sum.selectedVersion = v;
        et?.add(hfTls.supportedVersion, tvb, o, 2, v);
      }
      return;
    }
    case 45: {
      const l = tvb.u8(o);
      et?.add(hfTls.pskKeModesLength, tvb, o, 1, l);
      for (let i = 0; i < l; i++) et?.add(hfTls.pskKeMode, tvb, o + 1 + i, 1, tvb.u8(o + 1 + i));
      return;
    }
    case 51: {
      if (!et) return;
      const kt = et.addText(tvb, o, len, 'Key Share extension');
      if (ctx === 'hello_retry_request') {
        kt.add(hfTls.keyShareSelectedGroup, tvb, o, 2, tvb.u16(o));
        return;
      }
      let p = o;
      let stop = end;
      if (ctx === 'client_hello') {
        const l = tvb.u16(o);
        kt.add(hfTls.keyShareClientLength, tvb, o, 2, l);
        p = o + 2;
        stop = Math.min(end, p + l);
      }
      while (p + 4 <= stop) {
        const g = tvb.u16(p);
        const kl = tvb.u16(p + 2);
        const gname = GROUPS.get(g) ?? 'Unknown';
        const e = kt.addText(tvb, p, 4 + kl, `Key Share Entry: Group: ${gname}, Key Exchange length: ${kl}`);
        e.add(hfTls.keyShareGroup, tvb, p, 2, g);
        e.add(hfTls.keyShareKeyLength, tvb, p + 2, 2, kl);
        if (kl > 0) addBytes(e, hfTls.keyShareKey, tvb, p + 4, kl);
        p += 4 + kl;
      }
      return;
    }
    case 21:
      if (et && len > 0) addBytes(et, hfTls.paddingData, tvb, o, len);
      return;
    case 65281: {
      if (!et) return;
      const rt = et.addText(tvb, o, len, 'Renegotiation Info extension');
      rt.add(hfTls.renegInfoLen, tvb, o, 1, tvb.u8(o));
      return;
    }
    case 35:
      if (et && len > 0) addBytes(et, hfTls.sessionTicketData, tvb, o, len);
      return;
    case 5: {
      if (!et || len === 0 || ctx !== 'client_hello') return;
      et.add(hfTls.statusRequestType, tvb, o, 1, tvb.u8(o));
      et.add(hfTls.statusRequestResponderIdsLen, tvb, o + 1, 2, tvb.u16(o + 1));
      const rl = tvb.u16(o + 1);
      et.add(hfTls.statusRequestExtsLen, tvb, o + 3 + rl, 2, tvb.u16(o + 3 + rl));
      return;
    }
    case 22:
    case 23:
    case 49:
    case 18:
      return;
    default:
      if (et && len > 0) addBytes(et, hfTls.extData, tvb, o, len);
  }
}

/** One SignatureScheme with its legacy hash/signature halves. */
export function addSigAlg(parent: ProtoNode, tvb: Tvb, p: number): void {
  const a = tvb.u16(p);
  const at = parent.add(hfTls.sigHashAlg, tvb, p, 2, a);
  at.label = `Signature Algorithm: ${SIG_ALGS.get(a) ?? 'Unknown'} (0x${a.toString(16).padStart(4, '0')})`;
  at.add(hfTls.sigHashHash, tvb, p, 1, tvb.u8(p));
  at.add(hfTls.sigHashSig, tvb, p + 1, 1, tvb.u8(p + 1));
}

export { TLS13 };
