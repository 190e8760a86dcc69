/**
 * The contract between capture readers and everything above them.
 * Readers are push parsers: they are fed chunks of the file (decompressed) in order and
 * deliver each complete record synchronously to a sink. They never need the whole file.
 */

/** One capture interface (pcap has exactly one; pcapng one per Interface Description Block). */
export interface CaptureInterface {
  /** LINKTYPE_* value (1 = Ethernet, 113 = Linux SLL, 276 = Linux SLL2, ...). */
  linktype: number;
  snaplen: number;
  /** Timestamp units per second (1e6 for microsecond pcap, 1e9 for nanosecond, if_tsresol for pcapng). */
  tsUnitsPerSec: number;
  /** if_tsoffset, seconds added to every timestamp (pcapng only; 0 otherwise). */
  tsOffsetSec: number;
  name?: string;
  description?: string;
  /** pcapng section number this interface belongs to (0-based). */
  section: number;
}

/** Describes the file as a whole; filled in as blocks are read. */
export interface CaptureInfo {
  format: 'pcap' | 'pcapng';
  /** true when the file was gzip-compressed and is being inflated transparently. */
  compressed: boolean;
  /** Timestamp precision of the file as tshark reports it: 'usec' | 'nsec' | other resolutions. */
  tsPrecision: 'sec' | 'msec' | 'usec' | 'nsec' | 'other';
  /** All interfaces seen so far, indexed by the global interface id used in RawRecord. */
  interfaces: CaptureInterface[];
  /** Section header / file comments (pcapng shb_comment). */
  comments: string[];
  /** TLS key log text from pcapng Decryption Secrets Blocks (secrets type 0x544c534b). */
  tlsKeyLog: string[];
  /** Name resolution records from pcapng NRBs. */
  names: { address: string; names: string[] }[];
}

/**
 * A record as delivered to the sink. The parser REUSES one object for every record:
 * a sink that keeps values must copy them.
 */
export interface RawRecord {
  /** 0-based index of the record among packet records in the file (frame number - 1). */
  index: number;
  /** Absolute offset in the (decompressed) file of the first packet-data byte. */
  dataOffset: number;
  caplen: number;
  origlen: number;
  /** Whole seconds since the epoch (may be negative or beyond 2^32 for pcapng). */
  tsSec: number;
  /** Nanoseconds within the second, 0..999999999. */
  tsNsec: number;
  /** Global interface id (index into CaptureInfo.interfaces). 0 for pcap. */
  interfaceId: number;
  linktype: number;
  /** pcapng packet comment(s) (opt_comment); undefined when none. */
  comments: string[] | undefined;
  /** pcapng epb_flags; undefined when absent. */
  flags: number | undefined;
  /**
   * pcapng block type the record came from (6 EPB, 2 obsolete PB, 3 SPB; undefined for pcap).
   * tshark also numbers a few non-packet pcapng blocks as frames: custom blocks (0x00000BAD,
   * 0x40000BAD), systemd journal export (9) and sysdig events; those are delivered too so frame
   * numbers match, with `linktype` and `interfaceId` set to -1 and the block's payload as data.
   */
  blockType?: number;
}

/** Receives records. `bytes[start, start + rec.caplen)` holds the packet data, valid only during the call. */
export type RecordSink = (rec: RawRecord, bytes: Uint8Array, start: number) => void;

/** How reading ended. `cutShort` mirrors tshark's "appears to have been cut short in the middle of a packet". */
export interface CaptureEnd {
  /** Number of packet records delivered. */
  records: number;
  /**
   * Set when the file ended inside a record/block: every earlier record was still delivered.
   * `message` is tshark's text after `The file "NAME" ` (it differs when the cut is inside the
   * file header: "... in the middle of a packet or other data.").
   */
  cutShort?: { offset: number; message: string };
  /** Set when the file is damaged beyond the cut-short case (bad block, absurd length...). */
  error?: CaptureError;
}

export interface CaptureError {
  /** Machine-readable kind, e.g. 'not-a-capture', 'bad-record', 'unsupported-linktype'. */
  kind: string;
  /** Human message with context (file offset, record number). */
  message: string;
  offset: number;
  /**
   * What tshark prints after `The file "NAME" ` for this failure, e.g.
   * `appears to be damaged or corrupt.\n(pcap: File has 300000-byte packet, bigger than maximum of 262144)`.
   * Undefined when tshark reports nothing (e.g. an empty file, which tshark reads as zero packets).
   */
  tsharkMessage?: string;
}

/** A push parser for one capture stream. */
export interface CaptureParser {
  readonly info: CaptureInfo;
  /** Feed the next chunk. Throws never: errors are kept and returned by finish(). */
  push(chunk: Uint8Array): void;
  /** No more input. */
  finish(): CaptureEnd;
  /** True once a fatal error stopped parsing (later pushes are ignored). */
  readonly failed: boolean;
}

/**
 * Random access to the bytes of an opened file, used to re-read one frame lazily.
 * Node: fs.readSync; Web Worker: FileReaderSync over File.slice; tests: a Uint8Array.
 * Offsets are in the decompressed stream (gzip files are kept inflated in memory).
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
}
