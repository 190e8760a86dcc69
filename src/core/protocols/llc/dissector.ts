import { dissectData } from '../../dissect/frame';
import { dissectorTable, type TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { ethertypeTable } from '../ethernet/ethertype';
import { ETHERTYPES } from '../ethernet/fields';
import type { FieldDef } from '../../dissect/fields';
import { hfLlc, OUI_VENDORS, protoLlc, SAP_NAMES, U_COMMANDS, U_RESPONSES } from './fields';

/** Dissectors by destination SAP (llc.dsap): 0x06 IP, 0x42 STP ... */
export const llcSapTable = dissectorTable('llc.dsap', 'LLC SAP');

const SAP_SNAP = 0xaa;
const OUI_ENCAP_ETHER = 0x000000;
const OUI_CISCO_90 = 0x0000f8;

/** The PID field each organization code's protocols are registered under (llc_add_oui). */
const OUI_PID_FIELDS = new Map<number, FieldDef>([
  [0x00000c, hfLlc.ciscoPid],
  [0x00e02b, hfLlc.extremePid],
  [0x004096, hfLlc.wlccpPid],
  [0x0017f2, hfLlc.appleAwdlPid],
  [0x080007, hfLlc.appleAtalkPid],
  [0x00005e, hfLlc.ianaPid],
  [0x001958, hfLlc.bluetoothPid],
  [0x00e052, hfLlc.foundryPid],
  [0x0001e8, hfLlc.force10Pid],
  [0x000081, hfLlc.nortelPid],
  [0x00805f, hfLlc.hpteamPid],
]);

const OUI_IEEE_8021 = 0x0080c2;

/** IEEE 802.1 bridged frames carried in SNAP (RFC 2427/1490), by PID. */
export const llcBridgedPidTable = dissectorTable('llc.bridged_pid', 'IEEE 802.1 bridged PID');

const S_FUNCS = ['RR', 'RNR', 'REJ', 'SREJ'];
/** Short U-frame function names, keyed by the modifier bits (control & 0xec). */
const U_FUNCS_CMD = new Map<number, string>([
  [0x00, 'UI'],
  [0x20, 'UP'],
  [0x40, 'DISC'],
  [0x60, 'UA'],
  [0x80, 'SNRM'],
  [0xe0, 'TEST'],
  [0x04, 'SIM'],
  [0x84, 'FRMR'],
  [0xc4, 'CFGR'],
  [0x0c, 'SARM'],
  [0x2c, 'SABM'],
  [0x4c, 'SARME'],
  [0x6c, 'SABME'],
  [0x8c, 'RSET'],
  [0xac, 'XID'],
  [0xcc, 'SNRME'],
  [0xec, 'BCN'],
]);
const U_FUNCS_RESP = new Map<number, string>([...U_FUNCS_CMD, [0x40, 'RD'], [0x04, 'RIM'], [0x0c, 'DM']]);

function hex(v: number, width: number): string {
  return v.toString(16).toUpperCase().padStart(width, '0');
}

/**
 * The 802.2 control field (1 byte for unnumbered frames, 2 for information and supervisory
 * frames) with its Info text ("U, func=UI", "I, N(R)=3, N(S)=5", "S, func=RR, N(R)=2").
 * Returns the control field length.
 */
function dissectControl(
  tvb: Tvb,
  offset: number,
  isResponse: boolean,
  t: ProtoNode | null,
): [number, string] {
  const c0 = tvb.u8(offset);
  if ((c0 & 0x03) === 0x03) {
    const mod = c0 & 0xec;
    const pf = (c0 & 0x10) !== 0;
    const func = (isResponse ? U_FUNCS_RESP : U_FUNCS_CMD).get(mod) ?? 'Unknown';
    const info = `U${pf ? (isResponse ? ' F' : ' P') : ''}, func=${func}`;
    if (t) {
      const c = t.add(hfLlc.control, tvb, offset, 1, c0, `Control field: ${info} (0x${hex(c0, 2)})`);
      const def = isResponse ? hfLlc.controlUModifierResp : hfLlc.controlUModifierCmd;
      const names = isResponse ? U_RESPONSES : U_COMMANDS;
      const v = mod >>> 2;
      c.add(
        def,
        tvb,
        offset,
        1,
        v,
        `${bits8(c0, 0xec)} = ${def.name}: ${names.get(v) ?? 'Unknown'} (0x${v.toString(16).padStart(2, '0')})`,
      );
      if (pf) c.add(isResponse ? hfLlc.controlF : hfLlc.controlP, tvb, offset, 1, 1);
      c.add(hfLlc.controlFtype, tvb, offset, 1, 3, `.... ..11 = Frame type: Unnumbered frame (0x3)`);
    }
    return [1, info];
  }
  const c = tvb.u16le(offset);
  let info: string;
  if ((c & 0x01) === 0) {
    info = `I, N(R)=${c >>> 9}, N(S)=${(c >>> 1) & 0x7f}`;
  } else {
    info = `S, func=${S_FUNCS[(c >>> 2) & 3]}, N(R)=${c >>> 9}`;
  }
  if (t) {
    const item = t.add(hfLlc.control, tvb, offset, 2, c, `Control field: ${info} (0x${hex(c, 4)})`);
    item.add(hfLlc.controlNR, tvb, offset, 2, c >>> 9);
    if ((c & 0x01) === 0) item.add(hfLlc.controlNS, tvb, offset, 2, (c >>> 1) & 0x7f);
    else item.add(hfLlc.controlSFtype, tvb, offset, 2, (c >>> 2) & 3);
  }
  return [2, info];
}

function bits8(v: number, mask: number): string {
  let s = '';
  for (let i = 7; i >= 0; i--) {
    s += (mask >>> i) & 1 ? String((v >>> i) & 1) : '.';
    if (i === 4) s += ' ';
  }
  return s;
}

/** IEEE 802.2 Logical-Link Control, with SNAP (RFC 1042) dispatching on the ethertype. */
export function dissectLlc(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'LLC';
  pinfo.addLayer('llc');
  pinfo.cols?.setProtocol('LLC');
  const dsap = tvb.u8(0);
  const ssap = tvb.u8(1);
  const isResponse = (ssap & 1) !== 0;
  let t: ProtoNode | null = null;
  if (tree) {
    t = tree.add(protoLlc, tvb, 0, 3, null, 'Logical-Link Control');
    const d = t.add(
      hfLlc.dsap,
      tvb,
      0,
      1,
      dsap,
      `DSAP: ${SAP_NAMES.get(dsap & 0xfe) ?? 'Unknown'} (0x${hex(dsap, 2).toLowerCase()})`,
    );
    d.add(hfLlc.dsapSap, tvb, 0, 1, dsap >>> 1);
    d.add(hfLlc.dsapIg, tvb, 0, 1, dsap & 1);
    const s = t.add(
      hfLlc.ssap,
      tvb,
      1,
      1,
      ssap,
      `SSAP: ${SAP_NAMES.get(ssap & 0xfe) ?? 'Unknown'} (0x${hex(ssap, 2).toLowerCase()})`,
    );
    s.add(hfLlc.ssapSap, tvb, 1, 1, ssap >>> 1);
    s.add(hfLlc.ssapCr, tvb, 1, 1, ssap & 1);
  }
  const [ctlLen, ctlInfo] = dissectControl(tvb, 2, isResponse, t);
  pinfo.cols?.setInfo(ctlInfo);
  let offset = 2 + ctlLen;
  t?.setLength(offset);

  if (dsap === SAP_SNAP && ssap === SAP_SNAP) {
    const oui = tvb.u24(offset);
    const pid = tvb.u16(offset + 3);
    t?.setLength(offset + 5);
    const vendor = OUI_VENDORS.get(oui);
    pinfo.cols?.appendInfo(`; SNAP, OUI 0x${hex(oui, 6)} (${vendor ?? 'Unknown'}), PID 0x${hex(pid, 4)}`);
    if (t) {
      const code = [oui >>> 16, (oui >>> 8) & 255, oui & 255].map((b) => hex(b, 2).toLowerCase()).join(':');
      t.add(
        hfLlc.oui,
        tvb,
        offset,
        3,
        oui,
        `Organization Code: ${code}${vendor ? ` (${vendor.slice(0, 21)})` : ''}`,
      );
    }
    offset += 3;
    const next = tvb.sub(offset + 2);
    if (oui === OUI_ENCAP_ETHER || oui === OUI_CISCO_90) {
      if (t)
        t.add(
          hfLlc.type,
          tvb,
          offset,
          2,
          pid,
          `Type: ${ETHERTYPES.get(pid) ?? 'Unknown'} (0x${hex(pid, 4).toLowerCase()})`,
        );
      const d = ethertypeTable.get(pid);
      if (!d || d(next, pinfo, tree) === 0) dissectData(next, pinfo, tree);
    } else {
      const pidField = OUI_PID_FIELDS.get(oui);
      if (t) {
        if (pidField) t.add(pidField, tvb, offset, 2, pid);
        else t.add(hfLlc.pid, tvb, offset, 2, pid, `Protocol ID: 0x${hex(pid, 4).toLowerCase()}`);
      }
      const d = oui === OUI_IEEE_8021 ? llcBridgedPidTable.get(pid) : undefined;
      if (!d || d(next, pinfo, tree) === 0) dissectData(next, pinfo, tree);
    }
    return tvb.length;
  }

  const sapText = (sap: number): string =>
    SAP_NAMES.get(sap & 0xfe) ?? `0x${hex(sap & 0xfe, 2).toLowerCase()}`;
  pinfo.cols?.appendInfo(
    `; DSAP ${sapText(dsap)} ${dsap & 1 ? 'Group' : 'Individual'}, SSAP ${sapText(ssap)} ${isResponse ? 'Response' : 'Command'}`,
  );
  const next = tvb.sub(offset);
  // Only unnumbered information frames carry a payload for the SAP's protocol.
  const d = ctlLen === 1 ? llcSapTable.get(dsap) : undefined;
  if (!d || d(next, pinfo, tree) === 0) dissectData(next, pinfo, tree);
  return tvb.length;
}
