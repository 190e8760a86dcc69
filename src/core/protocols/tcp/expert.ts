import { SEVERITY, SEVERITY_NAMES, type ExpertGroup, type Severity } from '../../dissect/expert';
import type { FieldDef } from '../../dissect/fields';
import { hf as hfFrame } from '../../dissect/frame';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';

/** Wireshark's numeric severity values (PI_*), shown by _ws.expert.severity. */
const SEVERITY_VALUE: Record<Severity, number> = {
  [SEVERITY.COMMENT]: 0x00100000,
  [SEVERITY.CHAT]: 0x00200000,
  [SEVERITY.NOTE]: 0x00400000,
  [SEVERITY.WARN]: 0x00600000,
  [SEVERITY.ERROR]: 0x00800000,
};

/** Wireshark's numeric group values (PI_*), shown by _ws.expert.group. */
const GROUP_VALUE: Record<ExpertGroup, number> = {
  Checksum: 0x01000000,
  Sequence: 0x02000000,
  'Response Code': 0x03000000,
  'Request Code': 0x04000000,
  Undecoded: 0x05000000,
  Reassemble: 0x06000000,
  Malformed: 0x07000000,
  Debug: 0x08000000,
  Protocol: 0x09000000,
  Security: 0x0a000000,
  Comment: 0x0b000000,
  Decryption: 0x0c000000,
  Assumption: 0x0d000000,
  Deprecated: 0x0e000000,
};

/**
 * Raises an expert item the way Wireshark's expert_add_info does: it is recorded for the
 * frame (the expert statistics) and, when a tree is being built, shown under `parent` as
 * "[Expert Info (Note/Sequence): summary]" with the expert field itself as a child, so the
 * field can be filtered on (`tcp.analysis.retransmission`).
 */
export function addExpert(
  pinfo: PacketInfo,
  parent: ProtoNode | null,
  def: FieldDef,
  severity: Severity,
  group: ExpertGroup,
  summary: string,
  protocol = 'TCP',
): void {
  pinfo.expert.push({ frame: pinfo.num, severity, group, protocol, summary, field: def.abbrev });
  if (!parent) return;
  const e = parent.addGenerated(
    hfFrame.expert,
    null,
    `Expert Info (${SEVERITY_NAMES[severity]}/${group}): ${summary}`,
  );
  e.addGenerated(def, null, summary);
  e.addGenerated(hfFrame.expertMessage, summary).setHidden();
  e.addGenerated(
    hfFrame.expertSeverity,
    SEVERITY_VALUE[severity],
    `Severity level: ${SEVERITY_NAMES[severity]}`,
  );
  e.addGenerated(hfFrame.expertGroup, GROUP_VALUE[group], `Group: ${group}`);
}
