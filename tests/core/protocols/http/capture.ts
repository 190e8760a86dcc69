/**
 * Runs a hand-made capture through the whole engine (link layer up, one pass in order with the
 * tree on, exactly like the CLI / tshark without -2) and reads fields the way `tshark -T fields
 * -E occurrence=a -E aggregator=,` prints them. Shared by the DNS, HTTP, TLS and X.509 tests.
 */
import '../../../../src/core/protocols/index';
import { fieldByAbbrev } from '../../../../src/core/dissect/fields';
import { fieldsText } from '../../../../src/core/dissect/format';
import type { FrameTree, ProtoNode } from '../../../../src/core/dissect/tree';
import { CaptureSession } from '../../../../src/core/session';

export interface CapturedFrame {
  num: number;
  protocol: string;
  info: string;
  /** frame.protocols as tshark prints it (without the leading "frame"). */
  layers: string;
  /** The frame's tree (its byte views are only valid inside the pass: use `field`). */
  tree: FrameTree;
  /** All occurrences of a field, comma-joined ("" when absent). */
  field(abbrev: string): string;
}

/** tshark -T fields escapes these control characters in strings. */
function escape(s: string): string {
  return s.replace(
    /[\b\f\n\r\t]/g,
    (c) => ({ '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!,
  );
}

export function dissectCapture(bytes: Uint8Array): CapturedFrame[] {
  const frames: CapturedFrame[] = [];
  const session = new CaptureSession({
    firstPass: {
      tree: true,
      columns: true,
      onFrame: (d) => {
        const tree = d.tree!;
        // The pass reuses its buffers: read every value now.
        const values = new Map<number, string[]>();
        const walk = (n: ProtoNode): void => {
          if (!values.has(n.def.id))
            values.set(
              n.def.id,
              tree.occurrences(n.def).map((o) => escape(fieldsText(o))),
            );
          n.children?.forEach(walk);
        };
        tree.top.forEach(walk);
        frames.push({
          num: d.pinfo.num,
          protocol: d.cols?.protocol ?? '',
          info: d.cols?.info ?? '',
          layers: d.pinfo.layers.join(':'),
          tree,
          field(abbrev: string): string {
            const def = fieldByAbbrev(abbrev);
            if (!def) throw new Error(`unknown field ${abbrev}`);
            return (values.get(def.id) ?? []).join(',');
          },
        });
      },
    },
  });
  session.push(bytes);
  session.finish();
  return frames;
}
