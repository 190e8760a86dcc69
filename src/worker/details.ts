import { fieldsText, itemLabel } from '../core/dissect/format';
import type { FieldDef } from '../core/dissect/fields';
import type { FrameTree, ProtoNode } from '../core/dissect/tree';
import { filterForNode } from './field-filter';
import type { DetailData, DetailNode } from './types';

/** Turns a frame's protocol tree into plain nodes for the page (hidden items left out). */
export function serializeTree(num: number, tree: FrameTree): DetailData {
  const sources = tree.sources.map((s) => ({ name: s.name, bytes: s.bytes.slice() }));
  let nextId = 0;
  const convert = (n: ProtoNode): DetailNode => {
    let src = tree.sources.indexOf(n.source);
    if (src < 0) {
      // A dissector made a data source without registering it: show it anyway.
      tree.sources.push(n.source);
      sources.push({ name: n.source.name, bytes: n.source.bytes.slice() });
      src = sources.length - 1;
    }
    const text = n.def === tree.textField;
    const node: DetailNode = {
      id: nextId++,
      label: itemLabel(n),
      abbrev: text ? '' : n.def.abbrev,
      src,
      pos: n.pos,
      len: n.len,
      generated: n.generated,
      filter: text ? '' : filterForNode(n),
      value: text ? (n.label ?? '') : safeFieldsText(n),
    };
    if (n.children) {
      const kids = n.children.filter((c) => !c.hidden).map(convert);
      if (kids.length > 0) node.children = kids;
    }
    return node;
  };
  const nodes = tree.top.filter((n) => !n.hidden).map(convert);
  return { num, sources, nodes };
}

function safeFieldsText(n: ProtoNode): string {
  try {
    return fieldsText(n);
  } catch {
    // A value of an unexpected shape must not break the whole details pane.
    return String(n.value);
  }
}

/** The value of the first occurrence of a numeric field in the tree (e.g. tcp.stream). */
export function firstNumber(tree: FrameTree, def: FieldDef | undefined): number | undefined {
  if (!def) return undefined;
  const v = tree.occurrences(def)[0]?.value;
  return typeof v === 'number' ? v : undefined;
}
