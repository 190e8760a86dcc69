import type { ExpertGroup, Severity } from '../../dissect/expert';
import { addExpertTree } from '../../dissect/frame';
import type { FieldDef } from '../../dissect/fields';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';

/**
 * Raises an expert item the way Wireshark's expert_add_info does: it is recorded on the frame
 * (for `-z expert` and the expert dialog) and, when a tree is built, added under `item` as a
 * generated child whose field is the expert field (so `-e eth.padding_bad` and filters find it).
 */
export function addExpert(
  pinfo: PacketInfo,
  item: ProtoNode | null,
  field: FieldDef,
  severity: Severity,
  group: ExpertGroup,
  summary: string,
): void {
  // Quoted packets inside ICMP errors do not raise expert items of their own in Wireshark's
  // summary either, but the tree items are still shown; we mirror both.
  pinfo.expert.push({
    frame: pinfo.num,
    severity,
    group,
    protocol: pinfo.currentProto,
    summary,
    field: field.abbrev,
  });
  if (item) addExpertTree(item, field, severity, group, summary);
}
