import * as Comlink from 'comlink';
import { fieldByAbbrev } from '../core/dissect/fields';
import { complete } from '../core/filter/complete';
import { compileDisplayFilter, type FilterError } from '../core/filter/index';
import type { CaptureSession } from '../core/session';
import { bpfMatcher, checkBpf } from './bpf';
import type { ByteSource } from '../core/capture/index';
import { fileSource } from './byte-sources';
import { Colorizer } from './coloring';
import { firstNumber, serializeTree } from './details';
import { followData } from './follow';
import { loadCapture, type LoadedCapture } from './loader';
import { runDisplayFilter } from './display-filter';
import { DisplaySet, buildRows } from './rows';
import { scanFrames } from './scan';
import { openSharedStream, sealCapture, shareableSize, type SealOutcome } from './share';
import { CancelToken } from './scheduling';
import { sortFrames } from './sorting';
import type {
  ColorRuleInfo,
  Completion,
  DetailData,
  FilterCheck,
  FilterOutcome,
  FollowResult,
  LoadOutcome,
  LoadProgress,
  OpenInput,
  RowData,
  RowsRequest,
  ScanProgress,
  SortColumn,
  SortOutcome,
} from './types';

/** Scans the frames read so far in time slices; null when cancelled. */
type FrameScan = (token: CancelToken, onProgress?: (p: ScanProgress) => void) => Promise<Uint32Array | null>;

/** Last path segment of a URL, for messages and the title. */
function nameOfUrl(url: string): string {
  try {
    const p = new URL(url).pathname;
    return decodeURIComponent(p.slice(p.lastIndexOf('/') + 1)) || url;
  } catch {
    return url;
  }
}

/**
 * The worker's side of the app: owns the open capture and does every expensive thing
 * (reading, dissecting, filtering, sorting) so the page only renders what it is handed.
 * Methods are called through comlink; callbacks arrive as comlink proxies.
 */
export class WirelightWorker {
  private current: LoadedCapture | null = null;
  private loadToken: CancelToken | null = null;
  private scanToken: CancelToken | null = null;
  private gen = 0;
  private display = new DisplaySet(null);
  private readonly colorizer = new Colorizer();

  constructor(
    /** How a File is re-read later (tests substitute an in-memory source). */
    private readonly sourceForFile: (file: Blob) => ByteSource = fileSource,
  ) {}

  /** Opens a capture; the previous one stays until the new one has its first packet. */
  async open(input: OpenInput, onProgress: (p: LoadProgress) => void): Promise<LoadOutcome> {
    this.loadToken?.cancel();
    const token = new CancelToken();
    this.loadToken = token;
    const gen = ++this.gen;
    let stream: ReadableStream<Uint8Array>;
    let totalBytes: number;
    let name: string;
    let reread: (() => ByteSource) | undefined;
    if (input.kind === 'file') {
      const file = input.file;
      stream = file.stream();
      totalBytes = file.size;
      name = file.name;
      reread = () => this.sourceForFile(file);
    } else if (input.kind === 'share') {
      name = input.name ?? 'Shared capture';
      const shared = await openSharedStream(input.url, input.key);
      if (!shared.ok) return this.failed(gen, shared.error);
      ({ stream, totalBytes } = shared.value);
    } else {
      name = input.name ?? nameOfUrl(input.url);
      let response: Response;
      try {
        response = await fetch(input.url);
      } catch (e) {
        return this.failed(
          gen,
          `Could not fetch ${input.url}: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      if (!response.ok || !response.body) {
        return this.failed(
          gen,
          `Could not fetch ${input.url}: HTTP ${response.status} ${response.statusText}`,
        );
      }
      stream = response.body;
      const encoded = response.headers.get('content-encoding');
      totalBytes = encoded ? 0 : Number(response.headers.get('content-length') ?? 0);
    }
    const outcome = await loadCapture(
      { gen, name, stream, totalBytes, reread },
      {
        token,
        onProgress: (p) => void onProgress(p),
        onActivate: (c) => {
          this.scanToken?.cancel();
          this.current = c;
          this.display = new DisplaySet(null);
        },
      },
    );
    if (this.loadToken === token) this.loadToken = null;
    return outcome;
  }

  private failed(gen: number, error: string): LoadOutcome {
    return { gen, active: false, packets: 0, cancelled: false, elapsedMs: 0, error };
  }

  cancelLoad(): void {
    this.loadToken?.cancel();
  }

  private capture(gen: number): LoadedCapture | null {
    return this.current && this.current.gen === gen ? this.current : null;
  }

  rows(req: RowsRequest): RowData[] | null {
    const c = this.capture(req.gen);
    if (!c) return null;
    const colorizer = req.coloring ? this.colorizer : null;
    return buildRows(c.session, req.nums, req.timeFormat, this.display, colorizer);
  }

  details(gen: number, num: number): DetailData | null {
    const c = this.capture(gen);
    if (!c || num < 1 || num > c.session.frameCount) return null;
    const d = c.session.dissect(num, { tree: true, columns: true });
    if (!d.tree) return null;
    const data = serializeTree(num, d.tree);
    data.tcpStream = firstNumber(d.tree, fieldByAbbrev('tcp.stream'));
    data.udpStream = firstNumber(d.tree, fieldByAbbrev('udp.stream'));
    return data;
  }

  checkFilter(text: string): FilterCheck {
    if (text.trim() === '') return { ok: true, empty: true };
    const r = compileDisplayFilter(text);
    if (r.ok) return { ok: true, empty: false };
    const e = r.error;
    return {
      ok: false,
      message: e.message,
      from: e.from,
      to: e.to,
      ...(e.noLocation ? { noLocation: true } : {}),
    };
  }

  /** Suggestions for the filter bar at `cursor`. */
  complete(text: string, cursor: number): Completion {
    const c = complete(text, cursor);
    return {
      from: c.from,
      to: c.to,
      items: c.items.map((i) => ({ text: i.insert, label: i.label, detail: i.detail, kind: i.kind })),
    };
  }

  checkBpf(expr: string): FilterCheck {
    return checkBpf(expr, this.current?.session ?? null);
  }

  /**
   * Runs a display filter over every frame read so far; the result becomes the display.
   * `reference` is the selected frame, whose values `${field}` references read.
   */
  applyFilter(
    gen: number,
    text: string,
    onProgress?: (p: ScanProgress) => void,
    reference?: number | null,
  ): Promise<FilterOutcome> {
    return this.runFilter(gen, text, onProgress, (session) => {
      const compiled = compileDisplayFilter(text);
      if (!compiled.ok) return compiled.error;
      const filter = compiled.value;
      // Before the run starts: it evaluates the filter once on an empty frame, references included.
      if (reference && reference >= 1 && reference <= session.frameCount) {
        filter.setReference(session.dissect(reference, { tree: true, columns: false }));
      }
      // The index answers frames whose fields it holds; the others are dissected (FilterRun).
      return (token, progress) => runDisplayFilter(session, filter, token, progress);
    });
  }

  /** Runs a capture filter (BPF) over the captured bytes of every frame read so far. */
  applyBpf(gen: number, expr: string, onProgress?: (p: ScanProgress) => void): Promise<FilterOutcome> {
    return this.runFilter(gen, expr, onProgress, (session) => {
      const m = bpfMatcher(expr, session);
      if (!m.ok) return { message: m.message, from: m.from, to: m.to };
      const keep = m.match;
      return (token, progress) =>
        scanFrames(
          1,
          session.frameCount,
          (num) => {
            try {
              return keep(num);
            } catch {
              // A frame that cannot be read again does not match.
              return false;
            }
          },
          token,
          progress,
        );
    });
  }

  private async runFilter(
    gen: number,
    text: string,
    onProgress: ((p: ScanProgress) => void) | undefined,
    prepare: (session: CaptureSession) => FrameScan | FilterError,
  ): Promise<FilterOutcome> {
    const t0 = performance.now();
    this.scanToken?.cancel();
    const c = this.capture(gen);
    const total = c?.session.frameCount ?? 0;
    const done = (frames: Uint32Array | null, cancelled = false): FilterOutcome => ({
      frames,
      total,
      elapsedMs: performance.now() - t0,
      cancelled,
    });
    if (!c) return done(null, true);
    if (text.trim() === '') {
      this.display = new DisplaySet(null);
      return done(null);
    }
    const scan = prepare(c.session);
    if (typeof scan !== 'function') return { ...done(null, true), error: scan };
    const token = new CancelToken();
    this.scanToken = token;
    const frames = await scan(token, onProgress ? (p) => void onProgress(p) : undefined);
    if (this.scanToken === token) this.scanToken = null;
    if (!frames || token.cancelled) return done(null, true);
    this.display = new DisplaySet(frames);
    const copy = frames.slice();
    return Comlink.transfer(done(copy), [copy.buffer]);
  }

  cancelScan(): void {
    this.scanToken?.cancel();
  }

  /** The displayed frames ordered by a column (null frames = frame order). */
  async sort(
    gen: number,
    column: SortColumn,
    descending: boolean,
    onProgress?: (p: ScanProgress) => void,
  ): Promise<SortOutcome> {
    const c = this.capture(gen);
    if (!c) return { frames: null, cancelled: true };
    this.scanToken?.cancel();
    const token = new CancelToken();
    this.scanToken = token;
    const frames = await sortFrames(
      c.session,
      this.display,
      column,
      descending,
      token,
      onProgress ? (p) => void onProgress(p) : undefined,
    );
    if (this.scanToken === token) this.scanToken = null;
    if (!frames) return { frames: null, cancelled: true };
    return Comlink.transfer({ frames, cancelled: false }, [frames.buffer]);
  }

  /** The data of a TCP or UDP stream, for the Follow dialog. */
  follow(gen: number, proto: 'tcp' | 'udp', stream: number): FollowResult {
    const c = this.capture(gen);
    if (!c) return { ok: false, message: 'No capture is open.' };
    return followData(c.session, proto, stream);
  }

  /** Bytes a share of this capture would upload (before encryption); null while loading. */
  shareSize(gen: number): number | null {
    return shareableSize(this.capture(gen));
  }

  /** The capture encrypted under a fresh key for a share link (src/worker/share.ts). */
  sealForShare(gen: number): Promise<SealOutcome> {
    return sealCapture(this.capture(gen));
  }

  colorRules(): ColorRuleInfo[] {
    return this.colorizer.info();
  }
}
