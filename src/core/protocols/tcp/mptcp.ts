import { SEVERITY } from '../../dissect/expert';
import { registerFields, registerProtocol, vals } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { addExpert } from './expert';
import { hfTcp } from './fields';

/** Multipath TCP (RFC 8684): Wireshark shows option 30 as a protocol of its own. */
export const protoMptcp = registerProtocol('mptcp', 'Multipath Transmission Control Protocol', 'MPTCP');

const SUBTYPES = vals({
  0: 'Multipath Capable',
  1: 'Join Connection',
  2: 'Data Sequence Signal',
  3: 'Add Address',
  4: 'Remove Address',
  5: 'Change Subflow Priority',
  6: 'TCP Fallback',
  7: 'Fast Close',
  8: 'TCP Reset',
});

const hf = registerFields({
  subtype: {
    abbrev: 'tcp.options.mptcp.subtype',
    name: 'Multipath TCP subtype',
    type: FT.UINT8,
    strings: SUBTYPES,
    bitmask: 0xf0,
    bitWidth: 8,
  },
  version: {
    abbrev: 'tcp.options.mptcp.version',
    name: 'Multipath TCP version',
    type: FT.UINT8,
    bitmask: 0x0f,
    bitWidth: 8,
  },
  flags: { abbrev: 'tcp.options.mptcp.flags', name: 'Multipath TCP flags', type: FT.UINT8, base: BASE.HEX },
  reserved: {
    abbrev: 'tcp.options.mptcp.reserved',
    name: 'Reserved',
    type: FT.UINT16,
    base: BASE.HEX,
    bitmask: 0x0fff,
    bitWidth: 16,
  },
  addrid: { abbrev: 'tcp.options.mptcp.addrid', name: 'Address ID', type: FT.UINT8 },
  sendkey: { abbrev: 'tcp.options.mptcp.sendkey', name: "Sender's Key", type: FT.UINT64 },
  recvkey: { abbrev: 'tcp.options.mptcp.recvkey', name: "Receiver's Key", type: FT.UINT64 },
  recvtok: { abbrev: 'tcp.options.mptcp.recvtok', name: "Receiver's Token", type: FT.UINT32 },
  sendrand: { abbrev: 'tcp.options.mptcp.sendrand', name: "Sender's Random Number", type: FT.UINT32 },
  sendtrunchmac: {
    abbrev: 'tcp.options.mptcp.sendtrunchmac',
    name: "Sender's Truncated HMAC",
    type: FT.UINT64,
  },
  sendhmac: { abbrev: 'tcp.options.mptcp.sendhmac', name: "Sender's HMAC", type: FT.BYTES },
  addaddrtrunchmac: { abbrev: 'tcp.options.mptcp.addaddrtrunchmac', name: 'Truncated HMAC', type: FT.UINT64 },
  rawdataack: { abbrev: 'tcp.options.mptcp.rawdataack', name: 'Original MPTCP Data ACK', type: FT.UINT64 },
  rawdataseqno: { abbrev: 'tcp.options.mptcp.rawdataseqno', name: 'Data Sequence Number', type: FT.UINT64 },
  subflowseqno: {
    abbrev: 'tcp.options.mptcp.subflowseqno',
    name: 'Subflow Sequence Number',
    type: FT.UINT32,
  },
  datalvllen: { abbrev: 'tcp.options.mptcp.datalvllen', name: 'Data-level Length', type: FT.UINT16 },
  checksum: { abbrev: 'tcp.options.mptcp.checksum', name: 'Checksum', type: FT.UINT16, base: BASE.HEX },
  ipver: {
    abbrev: 'tcp.options.mptcp.ipver',
    name: 'IP version',
    type: FT.UINT8,
    bitmask: 0x0f,
    bitWidth: 8,
  },
  echo: { abbrev: 'tcp.options.mptcp.echo', name: 'Echo', type: FT.UINT8, bitmask: 0x01, bitWidth: 8 },
  ipv4: { abbrev: 'tcp.options.mptcp.ipv4', name: 'Advertised IPv4 Address', type: FT.IPv4 },
  ipv6: { abbrev: 'tcp.options.mptcp.ipv6', name: 'Advertised IPv6 Address', type: FT.IPv6 },
  port: { abbrev: 'tcp.options.mptcp.port', name: 'Advertised port', type: FT.UINT16 },
  rstReason: {
    abbrev: 'tcp.options.mptcp.rst_reason',
    name: 'TCPRST Reason',
    type: FT.UINT8,
    base: BASE.HEX,
  },
  removed: { abbrev: 'mptcp.rm_addr.count', name: 'Number of removed addresses', type: FT.UINT8 },
  missingAlgorithm: {
    abbrev: 'mptcp.connection.missing_algorithm',
    name: 'No crypto algorithm specified',
    type: FT.NONE,
  },
  unsupportedAlgorithm: {
    abbrev: 'mptcp.connection.unsupported_algorithm',
    name: 'Unsupported algorithm',
    type: FT.NONE,
  },
  infiniteMapping: {
    abbrev: 'mptcp.dss.infinite_mapping',
    name: 'Fallback to infinite mapping',
    type: FT.NONE,
  },
});

/**
 * The MPTCP option: subtype-specific fields read (and bounds-checked) the way Wireshark's
 * dissect_tcpopt_mptcp reads them, so short options fail the same way. The cross-subflow
 * analysis (tokens, data sequence mapping) is not done.
 */
export function dissectMptcpOption(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null): void {
  const optlen = tvb.reportedLength;
  pinfo.addLayer('mptcp');
  pinfo.cols?.setProtocol('MPTCP');
  const t = tree ? tree.add(protoMptcp, tvb, 0, tvb.length, null, protoMptcp.name) : null;
  const kind = tvb.u8(0);
  const len = tvb.u8(1);
  t?.add(hfTcp.optionKind, tvb, 0, 1, kind);
  t?.add(hfTcp.optionLen, tvb, 1, 1, len);
  const subtype = tvb.u8(2) >> 4;
  t?.add(hf.subtype, tvb, 2, 1, subtype);
  t?.appendLabel(`: ${SUBTYPES.get(subtype) ?? `Unknown (${subtype})`}`);
  let off = 2;
  const u8 = (def: (typeof hf)['addrid'], len = 1): number => {
    const v = len === 1 ? tvb.u8(off) : tvb.u16(off);
    t?.add(def, tvb, off, len, v);
    return v;
  };
  const u32 = (def: (typeof hf)['recvtok']): void => {
    const v = tvb.u32(off);
    t?.add(def, tvb, off, 4, v);
    off += 4;
  };
  const u64 = (def: (typeof hf)['sendkey']): void => {
    const v = tvb.u64(off);
    t?.add(def, tvb, off, 8, v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
    off += 8;
  };
  switch (subtype) {
    case 0: {
      const version = tvb.u8(off) & 0x0f;
      t?.add(hf.version, tvb, off, 1, version);
      off++;
      const flags = tvb.u8(off);
      const fi = t ? t.add(hf.flags, tvb, off, 1, flags) : null;
      if ((flags & 0x3f) === 0) {
        addExpert(pinfo, fi, hf.missingAlgorithm, SEVERITY.WARN, 'Protocol', hf.missingAlgorithm.name);
      }
      if ((flags & 0x3f) !== 0x01) {
        addExpert(
          pinfo,
          fi,
          hf.unsupportedAlgorithm,
          SEVERITY.WARN,
          'Protocol',
          hf.unsupportedAlgorithm.name,
        );
      }
      off++;
      if (optlen === 12 || optlen === 20 || optlen === 22 || optlen === 24) {
        u64(hf.sendkey);
        if (optlen >= 20) u64(hf.recvkey);
        if (optlen >= 22) {
          const dlen = u8(hf.datalvllen, 2);
          off += 2;
          if (dlen === 0)
            addExpert(pinfo, t, hf.infiniteMapping, SEVERITY.WARN, 'Protocol', hf.infiniteMapping.name);
          if (optlen === 24) {
            const ck = tvb.u16(off);
            t?.add(hf.checksum, tvb, off, 2, ck);
          }
        }
      }
      break;
    }
    case 1:
      if (optlen === 12) {
        u8(hf.flags);
        off++;
        u8(hf.addrid);
        off++;
        u32(hf.recvtok);
        u32(hf.sendrand);
      } else if (optlen === 16) {
        u8(hf.flags);
        off++;
        u8(hf.addrid);
        off++;
        u64(hf.sendtrunchmac);
        u32(hf.sendrand);
      } else if (optlen === 24) {
        u8(hf.reserved, 2);
        off += 2;
        const mac = tvb.view(off, 20);
        t?.add(hf.sendhmac, tvb, off, 20, mac);
      }
      break;
    case 2: {
      off++;
      const flags = tvb.u8(off) & 0x1f;
      t?.add(hf.flags, tvb, off, 1, flags);
      off++;
      if (flags & 0x01) {
        if (flags & 0x02) u64(hf.rawdataack);
        else {
          const v = tvb.u32(off);
          t?.add(hf.rawdataack, tvb, off, 4, v);
          off += 4;
        }
      }
      if (flags & 0x04) {
        if (flags & 0x08) u64(hf.rawdataseqno);
        else {
          const v = tvb.u32(off);
          t?.add(hf.rawdataseqno, tvb, off, 4, v);
          off += 4;
        }
        u32(hf.subflowseqno);
        const len = u8(hf.datalvllen, 2);
        off += 2;
        if (len === 0)
          addExpert(pinfo, t, hf.infiniteMapping, SEVERITY.WARN, 'Protocol', hf.infiniteMapping.name);
        if (optlen >= off + 4) {
          const ck = tvb.u16(off);
          t?.add(hf.checksum, tvb, off, 2, ck);
        }
      }
      break;
    }
    case 3: {
      const b = tvb.u8(off);
      const ipver = b & 0x0f;
      if (ipver === 4 || ipver === 6) t?.add(hf.ipver, tvb, off, 1, ipver);
      else t?.add(hf.echo, tvb, off, 1, b & 1);
      off++;
      u8(hf.addrid);
      off++;
      if (optlen === 8 || optlen === 10 || optlen === 16 || optlen === 18) {
        const a = tvb.u32(off);
        t?.add(hf.ipv4, tvb, off, 4, a);
        off += 4;
      }
      if (optlen === 20 || optlen === 22 || optlen === 28 || optlen === 30) {
        const a = tvb.view(off, 16);
        t?.add(hf.ipv6, tvb, off, 16, a);
        off += 16;
      }
      if (optlen === 10 || optlen === 18 || optlen === 22 || optlen === 30) {
        u8(hf.port, 2);
        off += 2;
      }
      if (optlen === 16 || optlen === 18 || optlen === 28 || optlen === 30) u64(hf.addaddrtrunchmac);
      break;
    }
    case 4:
      t?.add(hf.removed, tvb, 2, 1, Math.max(0, optlen - 3)).setGenerated();
      off++;
      while (off < optlen) {
        u8(hf.addrid);
        off++;
      }
      break;
    case 5:
      u8(hf.flags);
      off++;
      if (optlen === 4) u8(hf.addrid);
      break;
    case 6:
      u8(hf.reserved, 2);
      off += 2;
      u64(hf.rawdataseqno);
      break;
    case 7:
      u8(hf.reserved, 2);
      off += 2;
      u64(hf.recvkey);
      break;
    case 8:
      u8(hf.flags);
      off++;
      u8(hf.rstReason);
      break;
    default:
      break;
  }
}
