/** Expert information items, as Wireshark's expert_add_info reports them. */
export const SEVERITY = { COMMENT: 1, CHAT: 2, NOTE: 3, WARN: 4, ERROR: 5 } as const;
export type Severity = (typeof SEVERITY)[keyof typeof SEVERITY];

export const SEVERITY_NAMES: Record<Severity, string> = {
  1: 'Comment',
  2: 'Chat',
  3: 'Note',
  4: 'Warning',
  5: 'Error',
};

/** Expert groups (tshark prints these names in `-z expert`). */
export type ExpertGroup =
  | 'Checksum'
  | 'Sequence'
  | 'Response Code'
  | 'Request Code'
  | 'Undecoded'
  | 'Reassemble'
  | 'Malformed'
  | 'Debug'
  | 'Protocol'
  | 'Security'
  | 'Comment'
  | 'Decryption'
  | 'Assumption'
  | 'Deprecated';

export interface ExpertItem {
  frame: number;
  severity: Severity;
  group: ExpertGroup;
  /** Protocol short name as tshark shows it ("TCP", "HTTP"). */
  protocol: string;
  summary: string;
  /** The expert field's filter name (e.g. `tcp.analysis.retransmission` or `_ws.malformed`). */
  field: string;
}
