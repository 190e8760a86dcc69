/**
 * What crosses the worker boundary. Everything here is structured-cloneable; big arrays travel
 * as transferred typed arrays.
 */
import type { TimeFormat } from '../core/summary';

export type { TimeFormat };

/** A capture to open: a local file or an http(s) address (fetched by the worker). */
export type OpenInput =
  | { kind: 'file'; file: File }
  | { kind: 'url'; url: string; name?: string }
  /** A share link's capture: downloaded from `url` and decrypted with `key` (src/worker/share.ts). */
  | { kind: 'share'; url: string; key?: string; name?: string };

export interface LoadProgress {
  /** Load attempt number; increases with every open. */
  gen: number;
  bytes: number;
  /** Total bytes to read, 0 when unknown (a URL without Content-Length). */
  totalBytes: number;
  packets: number;
  packetsPerSec: number;
  elapsedMs: number;
  /** True once this load replaced the previous capture (its first packet was read). */
  active: boolean;
}

export interface CaptureSummaryInfo {
  name: string;
  format: string;
  compressed: boolean;
  linktypes: number[];
  /** Bytes of the file as stored (before inflating). */
  fileBytes: number;
}

export interface LoadOutcome {
  gen: number;
  /** The new capture is the one shown (false: nothing usable was read; the previous capture stays). */
  active: boolean;
  packets: number;
  cancelled: boolean;
  elapsedMs: number;
  /** Why the file could not be read, or why reading stopped early (cut short, damaged). */
  error?: string;
  /** A problem that did not stop reading from being useful (e.g. cut short in the last packet). */
  warning?: string;
  info?: CaptureSummaryInfo;
}

/** One packet-list row. */
export interface RowData {
  num: number;
  time: string;
  source: string;
  destination: string;
  protocol: string;
  length: number;
  info: string;
  /** Index into the colour rules, -1 when no rule matched or colouring is off. */
  color: number;
}

export interface RowsRequest {
  gen: number;
  nums: Uint32Array;
  timeFormat: TimeFormat;
  coloring: boolean;
}

export interface ColorRuleInfo {
  name: string;
  filter: string;
  fg: string;
  bg: string;
  /** False when the filter does not compile in this build (the rule is skipped). */
  usable: boolean;
}

/** One details-tree item, flattened for the page. */
export interface DetailNode {
  id: number;
  label: string;
  /** Field filter name, '' for text-only lines. */
  abbrev: string;
  /** Index into DetailData.sources. */
  src: number;
  pos: number;
  len: number;
  generated: boolean;
  /** Filter expression selecting this value ("ip.src == 10.0.0.1"); '' when none makes sense. */
  filter: string;
  /** The value as `-T fields` prints it (for Copy › Value). */
  value: string;
  /** Expert severity name when this is an expert item ('error', 'warn', 'note', 'chat'). */
  severity?: string;
  children?: DetailNode[];
}

export interface DetailData {
  num: number;
  sources: { name: string; bytes: Uint8Array }[];
  nodes: DetailNode[];
  /** TCP/UDP stream indexes of the frame, for Follow. */
  tcpStream?: number;
  udpStream?: number;
}

export type FilterCheck =
  | { ok: true; empty: boolean; deprecated?: string[] }
  | { ok: false; message: string; from: number; to: number; noLocation?: boolean };

export interface Completion {
  /** Replace text[from, to) with an item's `text`. */
  from: number;
  to: number;
  items: {
    /** What is inserted. */
    text: string;
    /** What the list shows. */
    label: string;
    detail?: string;
    kind: 'field' | 'protocol' | 'operator' | 'value' | 'keyword' | 'function';
  }[];
}

export interface ScanProgress {
  done: number;
  total: number;
}

export interface FilterOutcome {
  /** Display order (frame numbers, ascending); null when the filter is empty (everything shown). */
  frames: Uint32Array | null;
  total: number;
  elapsedMs: number;
  cancelled: boolean;
  error?: { message: string; from: number; to: number; noLocation?: boolean };
}

export type SortColumn = 'num' | 'time' | 'source' | 'destination' | 'protocol' | 'length' | 'info';

export interface SortOutcome {
  /** Displayed frames in the new order; null = frame order of the current display. */
  frames: Uint32Array | null;
  cancelled: boolean;
}

export interface FollowChunk {
  /** 0 = client (first sender), 1 = server. */
  dir: 0 | 1;
  bytes: Uint8Array;
  frame: number;
  /** Set on a "[N bytes missing in capture file]" marker: the number of missing bytes. */
  missing?: number;
}

export interface FollowData {
  proto: 'tcp' | 'udp';
  stream: number;
  client: string;
  server: string;
  clientBytes: number;
  serverBytes: number;
  chunks: FollowChunk[];
  /** The filter that selects the stream ("tcp.stream eq 3"). */
  filter: string;
  /** Highest stream index of this protocol in the capture (for next/previous). */
  maxStream: number;
}

export type FollowResult = { ok: true; data: FollowData } | { ok: false; message: string };
