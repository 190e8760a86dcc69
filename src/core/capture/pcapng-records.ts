/**
 * pcapng blocks that are not packets but that tshark 4.0 still lists as frames: custom blocks,
 * systemd journal export entries and sysdig events. They are delivered as records without a link
 * layer (linktype and interfaceId -1) so that frame numbers agree with tshark.
 */
import type { RawRecord } from './types';
import { CB_COPY, CB_NO_COPY, JOURNAL, SYSDIG_EVENT, SYSDIG_EVENT_V2 } from './pcapng-blocks';

const REALTIME = '__REALTIME_TIMESTAMP=';

/**
 * Fills `rec` for a non-packet block of `type` spanning `[off, off + len)` and returns the offset
 * of its payload relative to `off`; 0 when the block is not one tshark shows (skip it); a string
 * with wiretap's complaint when the block is malformed.
 */
export function nonPacketRecord(
  type: number,
  v: DataView,
  off: number,
  len: number,
  le: boolean,
  rec: RawRecord,
): number | string {
  switch (type) {
    case CB_COPY:
    case CB_NO_COPY:
      setRecord(rec, type, len - 16, 0, 0);
      return 12;
    case JOURNAL:
      return journal(v, off, len, rec);
    case SYSDIG_EVENT:
    case SYSDIG_EVENT_V2: {
      const header = type === SYSDIG_EVENT ? 24 : 28;
      const hi = v.getUint32(off + 10 + (le ? 4 : 0), le);
      const lo = v.getUint32(off + 10 + (le ? 0 : 4), le);
      const ns = hi * 4294967296 + lo;
      const sec = Math.floor(ns / 1e9);
      setRecord(rec, type, len - 12 - header, sec, Math.max(0, Math.min(999999999, ns - sec * 1e9)));
      return 8 + header;
    }
    default:
      return 0;
  }
}

function journal(v: DataView, off: number, len: number, rec: RawRecord): number | string {
  let length = len - 12;
  const start = off + 8;
  while (length > 0 && v.getUint8(start + length - 1) === 0) length--;
  if (length < 23) return `pcapng: entry length ${len} is too small (< 23)`;
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(v.getUint8(start + i));
  let sec = 0;
  let nsec = 0;
  const at = text.indexOf(REALTIME);
  if (at >= 0) {
    const m = /^\d+/.exec(text.slice(at + REALTIME.length));
    if (m) {
      const us = Number(m[0]);
      sec = Math.floor(us / 1e6);
      nsec = Math.round(us - sec * 1e6) * 1000;
    }
  }
  setRecord(rec, JOURNAL, length, sec, nsec);
  return 8;
}

function setRecord(rec: RawRecord, type: number, length: number, sec: number, nsec: number): void {
  rec.caplen = length;
  rec.origlen = length;
  rec.tsSec = sec;
  rec.tsNsec = nsec;
  rec.interfaceId = -1;
  rec.linktype = -1;
  rec.comments = undefined;
  rec.flags = undefined;
  rec.blockType = type;
}
