import type { ExpertGroup, Severity } from '../../dissect/expert';
import type { FieldDef } from '../../dissect/fields';
import { addExpertTree } from '../../dissect/frame';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';

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
  if (parent) addExpertTree(parent, def, severity, group, summary);
}
