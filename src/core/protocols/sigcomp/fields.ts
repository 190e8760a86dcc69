import { registerFields, registerProtocol, vals } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';

export const protoSigcomp = registerProtocol('sigcomp', 'Signaling Compression', 'SIGCOMP');

/** RFC 3320 §7: the len bits of the first byte (length of the partial state identifier). */
const LENGTH_ENCODING = vals({
  0: 'No partial state (Message type 2)',
  1: '(6 bytes)',
  2: '(9 bytes)',
  3: '(12 bytes)',
});

/** RFC 3320 §7.2: the destination nibble of an uploaded bytecode (UDVM load address). */
const DESTINATION_ENCODING = vals({
  0: 'Reserved',
  1: '128',
  2: '192',
  3: '256',
  4: '320',
  5: '384',
  6: '448',
  7: '512',
  8: '576',
  9: '640',
  10: '704',
  11: '768',
  12: '832',
  13: '896',
  14: '960',
  15: '1024',
});

/** RFC 4077 §3.2 NACK reason codes. */
export const NACK_REASONS = vals({
  1: 'STATE_NOT_FOUND',
  2: 'CYCLES_EXHAUSTED',
  3: 'USER_REQUESTED',
  4: 'SEGFAULT',
  5: 'TOO_MANY_STATE_REQUESTS',
  6: 'INVALID_STATE_ID_LENGTH',
  7: 'INVALID_STATE_PRIORITY',
  8: 'OUTPUT_OVERFLOW',
  9: 'STACK_UNDERFLOW',
  10: 'BAD_INPUT_BITORDER',
  11: 'DIV_BY_ZERO',
  12: 'SWITCH_VALUE_TOO_HIGH',
  13: 'TOO_MANY_BITS_REQUESTED',
  14: 'INVALID_OPERAND',
  15: 'HUFFMAN_NO_MATCH',
  16: 'MESSAGE_TOO_SHORT',
  17: 'INVALID_CODE_LOCATION',
  18: 'BYTECODES_TOO_LARGE',
  19: 'INVALID_OPCODE',
  20: 'INVALID_STATE_PROBE',
  21: 'ID_NOT_UNIQUE',
  22: 'MULTILOAD_OVERWRITTEN',
  23: 'STATE_TOO_SHORT',
  24: 'INTERNAL_ERROR',
  25: 'FRAMING_ERROR',
});

/** RFC 3320 §9 UDVM instruction names (the opcode of a failed instruction in a NACK). */
export const UDVM_INSTRUCTIONS = vals(
  Object.fromEntries(
    [
      'DECOMPRESSION-FAILURE',
      'AND',
      'OR',
      'NOT',
      'LSHIFT',
      'RSHIFT',
      'ADD',
      'SUBTRACT',
      'MULTIPLY',
      'DIVIDE',
      'REMAINDER',
      'SORT-ASCENDING',
      'SORT-DESCENDING',
      'SHA-1',
      'LOAD',
      'MULTILOAD',
      'PUSH',
      'POP',
      'COPY',
      'COPY-LITERAL',
      'COPY-OFFSET',
      'MEMSET',
      'JUMP',
      'COMPARE',
      'CALL',
      'RETURN',
      'SWITCH',
      'CRC',
      'INPUT-BYTES',
      'INPUT-BITS',
      'INPUT-HUFFMAN',
      'STATE-ACCESS',
      'STATE-CREATE',
      'STATE-FREE',
      'OUTPUT',
      'END-MESSAGE',
    ].map((name, i) => [i, name]),
  ),
);

/**
 * The fields tshark 4.0 fills with its default preferences. The UDVM fields (bytecode listing,
 * execution trace) are not declared: "sigcomp.display.udvm.code" and "sigcomp.decomp.msg" are
 * off by default, so tshark never adds them.
 */
export const hfSigcomp = registerFields({
  tBit: {
    abbrev: 'sigcomp.t.bit',
    name: 'T bit',
    type: FT.UINT8,
    base: BASE.DEC,
    bitmask: 0x04,
    bitWidth: 8,
  },
  length: {
    abbrev: 'sigcomp.length',
    name: 'Partial state id length',
    type: FT.UINT8,
    base: BASE.HEX,
    strings: LENGTH_ENCODING,
    bitmask: 0x03,
    bitWidth: 8,
  },
  feedbackItemLen: {
    abbrev: 'sigcomp.returned.feedback.item.len',
    name: 'Returned feedback item length',
    type: FT.UINT8,
    base: BASE.DEC,
    bitmask: 0x7f,
    bitWidth: 8,
  },
  feedbackItem: { abbrev: 'sigcomp.returned.feedback.item', name: 'Returned_feedback item', type: FT.BYTES },
  partialState: {
    abbrev: 'sigcomp.partial.state.identifier',
    name: 'Partial state identifier',
    type: FT.STRING,
  },
  remainingBytes: {
    abbrev: 'sigcomp.remaining-bytes',
    name: 'Remaining SigComp message bytes',
    type: FT.UINT32,
    base: BASE.DEC,
  },
  codeLen: {
    abbrev: 'sigcomp.code.len',
    name: 'Code length',
    type: FT.UINT16,
    base: BASE.HEX,
    bitmask: 0xfff0,
    bitWidth: 16,
  },
  destination: {
    abbrev: 'sigcomp.destination',
    name: 'Destination',
    type: FT.UINT8,
    base: BASE.HEX,
    strings: DESTINATION_ENCODING,
    bitmask: 0x0f,
    bitWidth: 8,
  },
  udvmBytecode: { abbrev: 'sigcomp.udvm.byte-code', name: 'Uploaded UDVM bytecode', type: FT.NONE },
  nackVersion: {
    abbrev: 'sigcomp.nack.ver',
    name: 'NACK Version',
    type: FT.UINT8,
    base: BASE.DEC,
    bitmask: 0x0f,
    bitWidth: 8,
  },
  nackReason: {
    abbrev: 'sigcomp.nack.reason',
    name: 'Reason Code',
    type: FT.UINT8,
    base: BASE.DEC,
    strings: NACK_REASONS,
  },
  nackOpcode: {
    abbrev: 'sigcomp.nack.failed_op_code',
    name: 'OPCODE of failed instruction',
    type: FT.UINT8,
    base: BASE.DEC,
    strings: UDVM_INSTRUCTIONS,
  },
  nackPc: { abbrev: 'sigcomp.nack.pc', name: 'PC of failed instruction', type: FT.UINT16, base: BASE.DEC },
  nackSha1: { abbrev: 'sigcomp.nack.sha1', name: 'SHA-1 Hash of failed message', type: FT.BYTES },
  nackStateId: { abbrev: 'sigcomp.nack.state_id', name: 'State ID (6 - 20 bytes)', type: FT.BYTES },
  nackCyclesPerBit: {
    abbrev: 'sigcomp.nack.cycles_per_bit',
    name: 'Cycles Per Bit',
    type: FT.UINT8,
    base: BASE.DEC,
  },
  memorySize: { abbrev: 'sigcomp.memory_size', name: 'Memory size', type: FT.UINT16, base: BASE.DEC },
  unescapedData: {
    abbrev: 'sigcomp.data_for_sigcomp_dissector',
    name: 'Data handed to the Sigcomp dissector',
    type: FT.BYTES,
  },
  remainingMessage: {
    abbrev: 'sigcomp.remaining_sigcomp_message',
    name: 'Remaining SigComp message',
    type: FT.BYTES,
  },
  // Expert fields.
  nackExpert: { abbrev: 'sigcomp.nack.failed_op_code.expert', name: 'SigComp NACK', type: FT.NONE },
  tcpFragment: { abbrev: 'sigcomp.tcp_fragment', name: 'TCP Fragment', type: FT.NONE },
});
