/** Hex + ASCII rows of the bytes pane (16 bytes a row, like Wireshark). */
export const BYTES_PER_ROW = 16;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexByte(b: number): string {
  return HEX[b];
}

/** Printable ASCII or '.' (the bytes pane's right column). */
export function asciiChar(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

/** Offset column text: 4 hex digits, more when the data is larger than 64 KB. */
export function offsetText(offset: number, total: number): string {
  const width = total > 0xffff ? Math.max(4, Math.ceil(Math.log2(total + 1) / 4)) : 4;
  return offset.toString(16).padStart(width, '0');
}

export function rowCount(length: number): number {
  return Math.ceil(length / BYTES_PER_ROW);
}
