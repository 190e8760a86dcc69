/**
 * tshark's wording for capture-file problems, as printed after `The file "NAME" `, so the CLI can
 * reproduce tshark's stderr exactly and the UI can show the same words.
 */
import type { CaptureError } from './types';

/** A record or block was cut short while reading packets. */
export const CUT_SHORT = 'appears to have been cut short in the middle of a packet.';
/** The file was cut short while it was being opened (file header, first blocks). */
export const CUT_SHORT_AT_OPEN = 'appears to have been cut short in the middle of a packet or other data.';
/** No reader recognised the file. */
export const NOT_A_CAPTURE = "isn't a capture file in a format TShark understands.";

/** tshark's text for a file that wiretap reports as damaged (WTAP_ERR_BAD_FILE). */
export function damagedText(detail: string): string {
  return `appears to be damaged or corrupt.\n(${detail})`;
}

/** tshark's text for data wiretap cannot handle (WTAP_ERR_UNSUPPORTED). */
export function unsupportedText(detail: string): string {
  return `contains record data that TShark doesn't support.\n(${detail})`;
}

/** A damaged-file error; `detail` is wiretap's own explanation, `where` our context. */
export function badFile(detail: string, offset: number, where: string): CaptureError {
  return {
    kind: 'bad-record',
    message: `${detail} (${where}, file offset ${offset})`,
    offset,
    tsharkMessage: damagedText(detail),
  };
}

/** An unsupported-data error (unknown link type, unknown version...). */
export function unsupported(kind: string, detail: string, offset: number): CaptureError {
  return {
    kind,
    message: `${detail} (file offset ${offset})`,
    offset,
    tsharkMessage: unsupportedText(detail),
  };
}

/** A file that is not a capture at all; `what` says what it looks like instead. */
export function notACapture(what: string, offset = 0): CaptureError {
  return { kind: 'not-a-capture', message: what, offset, tsharkMessage: NOT_A_CAPTURE };
}

/** Formats a 32-bit value like C's `0x%08x`. */
export function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}
