import type { ExpertGroup, Severity } from '../../dissect/expert';
import { addExpertTree } from '../../dissect/frame';
import type { FieldDef } from '../../dissect/fields';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';

/**
 * Raises an expert item as Wireshark's expert_add_info does: recorded on the frame (for
 * `-z expert`) and, with a tree, added under `item` as the generated "[Expert Info ...]" item
 * holding the expert field and _ws.expert.message/severity/group, so
 * `-e dns.retransmit_request` and filters find it. Shared by the
 * application-layer protocols (DNS, HTTP, TLS).
 */
export function addExpert(
  pinfo: PacketInfo,
  item: ProtoNode | null,
  field: FieldDef,
  severity: Severity,
  group: ExpertGroup,
  summary: string,
): void {
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
