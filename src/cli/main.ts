import { existsSync } from 'node:fs';
import { compileBpf, type BpfProgram } from '../core/filter/bpf/index';
import { compileDisplayFilter, type DisplayFilter } from '../core/filter/index';
import { formatFilterError } from '../core/filter/format-error';
import {
  FieldsLineWriter,
  fieldsHeader,
  fieldsLine,
  planFields,
  treeProtocolsOf,
} from '../core/output/fields-writer';
import type { IndexAccessor } from '../core/index/index-accessor';
import { CaptureSession } from '../core/session';
import { frameSummary } from '../core/summary';
import type { DissectedFrame, FrameInput } from '../core/dissect/frame';
import { parseArgs, USAGE } from './args';
import {
  closeFile,
  fileByteSource,
  lazyInflatedSource,
  openFile,
  readFileChunks,
  startsWithGzipMagic,
} from './node-file';
import { Output, type OutputSink } from './output';
import { summaryLine, summaryLineOf } from './summary-line';
import { Z_HANDLERS } from './z/index';
import type { ZTap } from './z/types';

const VERSION = '0.1.0';

function fail(message: string, code: number): number {
  process.stderr.write(`wirelight: ${message}\n`);
  return code;
}

/** How main runs, for tests; the command line never sets these. */
export interface CliHooks {
  /** Where the printed output goes (default stdout). */
  out?: OutputSink;
  /**
   * Print every frame the reference way: a full tree for every printed frame, -T fields values
   * all read from the tree and columns through a FrameSummary (fieldsLine, summaryLine), as before
   * the one-pass fast path. Tests check that both ways print the same bytes.
   */
  reference?: boolean;
}

/** Runs the CLI; returns the exit code (tshark's codes: 1 bad usage, 2 bad file or filter). */
export function main(argv: string[], hooks: CliHooks = {}): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`wirelight: ${parsed.message}\n${USAGE}`);
    return 1;
  }
  const o = parsed.options;
  if (o.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (o.version) {
    process.stdout.write(`Wirelight ${VERSION} (tshark-compatible output of TShark 4.0)\n`);
    return 0;
  }
  if (!o.readFile) return fail('no capture file given; use -r FILE (live capture is not supported)', 1);
  if (o.outputType === 'fields' && o.fields.fields.length === 0) {
    return fail('"-Tfields" was specified, but no fields were specified with "-e".', 1);
  }
  const { plan, unknown } = planFields(o.outputType === 'fields' ? o.fields.fields : []);
  if (unknown.length > 0)
    // tshark lists the invalid fields sorted, one per line after a tab.
    return fail(
      `Some fields aren't valid:\n${[...new Set(unknown)]
        .sort()
        .map((u) => `\t${u}\n`)
        .join('')}`.trimEnd(),
      1,
    );

  let dfilter: DisplayFilter | null = null;
  if (o.displayFilter !== null) {
    const r = compileDisplayFilter(o.displayFilter);
    if (!r.ok) return fail(formatFilterError(o.displayFilter, r.error), 2);
    dfilter = r.value;
  }
  const taps: ZTap[] = [];
  for (const z of o.stats) {
    const h = Z_HANDLERS.find((x) => x.matches(z));
    if (!h) return fail(`invalid -z argument "${z}"; it must be one of the statistics listed by --help`, 1);
    const t = h.create(z);
    if ('error' in t) return fail(t.error, 1);
    taps.push(t);
  }

  const path = o.readFile;
  if (!existsSync(path)) return fail(`The file "${path}" doesn't exist.`, 2);
  let fd: number;
  try {
    fd = openFile(path);
  } catch (e) {
    return fail(`The file "${path}" could not be opened: ${(e as Error).message}`, 2);
  }

  const gzipped = startsWithGzipMagic(fd);
  const out = new Output(hooks.out);
  const printPackets = !o.quiet;
  const reference = hooks.reference === true;
  const tapsNeedTree = taps.some((t) => t.needsTree);
  // Tree fields the index columns hold (addresses, ports) are read from them, without a tree,
  // on the frames whose columns are exact; the others are dissected again with a tree.
  const fromIndex =
    !reference &&
    printPackets &&
    o.outputType === 'fields' &&
    plan.indexedOnly &&
    dfilter === null &&
    !tapsNeedTree;
  // Columns and record-valued frame.* fields are read without a tree (FieldsLineWriter).
  const fieldsNeedTree = o.outputType === 'fields' && (reference || (plan.needsTree && !fromIndex));
  const wantTree = fieldsNeedTree || (reference && printPackets) || dfilter !== null || tapsNeedTree;
  // A tree made only for -T fields indexes (and may build) only the fields' protocols.
  const treeOnlyForFields = fieldsNeedTree && !reference && dfilter === null && !tapsNeedTree;
  const treeProtocols = treeOnlyForFields ? treeProtocolsOf(plan) : null;
  const wantColumns =
    (printPackets && (o.outputType === 'text' || plan.needsColumns)) || taps.some((t) => t.needsColumns);
  const bpfByLinktype = new Map<number, BpfProgram | string>();
  let bpfError: string | null = null;
  let seen = 0;
  let index: IndexAccessor | null = null;

  const session: CaptureSession = new CaptureSession({
    source: gzipped ? lazyInflatedSource(path) : fileByteSource(fd),
    // One pass, as tshark: -Y is evaluated on each frame's tree as it is made, so the index
    // columns are only kept when -T fields reads its values from them.
    fieldColumns: fromIndex,
    firstPass: {
      tree: wantTree,
      ...(treeProtocols ? { treeProtocols } : {}),
      columns: wantColumns,
      onFrame: (d: DissectedFrame, input: FrameInput) => {
        if (o.count > 0 && seen >= o.count) return;
        seen++;
        if (o.bpfFilter !== null) {
          let prog = bpfByLinktype.get(input.linktype);
          if (prog === undefined) {
            const r = compileBpf(o.bpfFilter, input.linktype);
            prog = r.ok ? r.value : r.error.message;
            bpfByLinktype.set(input.linktype, prog);
          }
          if (typeof prog === 'string') {
            bpfError ??= prog;
            return;
          }
          if (!prog.matches(d.bytes, 0, input.caplen, input.origlen)) return;
        }
        // tshark's taps see every frame of its single pass; -Y only selects what is printed.
        for (const t of taps) t.onFrame(d, input);
        if (dfilter && !dfilter.matches(d)) return;
        if (session.capture.filtering)
          session.capture.prevDisplayed = { sec: input.tsSec, nsec: input.tsNsec };
        if (!printPackets) return;
        const precision = session.info.tsPrecision;
        if (reference) {
          const summary = wantColumns ? frameSummary(d, input, session.capture, precision, 'relative') : null;
          if (o.outputType === 'fields') out.line(fieldsLine(d, plan, o.fields, summary));
          else if (summary) out.line(summaryLine(summary));
        } else if (fromIndex) {
          index ??= session.indexAccessor();
          if (index?.exact(input.num)) {
            out.line(writer.line(d, input, precision, wantColumns, index.use(input.num)));
          } else {
            const full = session.dissect(input.num, { tree: true, columns: false });
            out.line(writer.line(d, input, precision, wantColumns, null, full));
          }
        } else if (o.outputType === 'fields') {
          out.line(writer.line(d, input, precision, wantColumns));
        } else if (wantColumns) {
          out.line(summaryLineOf(d, input, session.capture, precision));
        }
      },
    },
  });

  const writer = new FieldsLineWriter(plan, o.fields, session.capture);
  session.capture.filtering = dfilter !== null || o.bpfFilter !== null;
  if (o.outputType === 'fields' && o.fields.header && printPackets) out.line(fieldsHeader(o.fields));
  readFileChunks(fd, (chunk) => {
    session.push(chunk);
    return !(o.count > 0 && seen >= o.count) && bpfError === null;
  });
  const end = session.finish();
  closeFile(fd);
  out.flush();
  if (bpfError !== null) return fail(`${bpfError}`, 2);
  let code = 0;
  // tshark stops reading after -c frames: damage further on is never seen.
  const stoppedByCount = o.count > 0 && seen >= o.count;
  if (end.error && !stoppedByCount) {
    // tshark's wording after 'The file "NAME" ' when the reader knows it; our own otherwise.
    const text = (
      end.error.tsharkMessage ?? `appears to be damaged or corrupt.\n(${end.error.message})`
    ).replace('TShark', 'Wirelight');
    if (end.error.kind === 'empty-file') return 2;
    process.stderr.write(`wirelight: The file "${path}" ${text}\n`);
    if (end.error.kind === 'not-a-capture') return 2;
    code = 2;
  } else if (end.cutShort && !stoppedByCount) {
    process.stderr.write(`wirelight: The file "${path}" ${end.cutShort.message}\n`);
    code = 2;
  }
  // tshark prints the reports of several -z options last-given first.
  for (const t of [...taps].reverse()) out.write(t.finish(session));
  out.flush();
  return code;
}
