/**
 * JSON bodies as tshark 4.0's json dissector shows them: objects, members (key, path, value)
 * and arrays, every top-level object/array in the data (NDJSON too); whatever does not parse
 * is handed to the line-based text dissector.
 */
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { hfJson, protoJson } from './fields';
import { dissectTextLines } from './text-lines';
import {
  char,
  chars,
  literal,
  notChars,
  oneOf,
  optional,
  Parser,
  seq,
  some,
  type Token,
  type Wanted,
} from './tvbparse';
import { dataName } from './text-lines';

const T = { NUMBER: 0, STRING: 1, FALSE: 2, NULL: 3, TRUE: 4, NAN: 5, OBJECT: 6, ARRAY: 7 } as const;

interface JsonState {
  tvb: Tvb;
  /** Tree stack: the item new items go under (null entries when there is no tree). */
  stack: (ProtoNode | null)[];
  /** Path stack, pairs of (path, key). */
  paths: string[];
}

const utf8 = new TextDecoder('utf-8');

/** tvb_get_string_enc(ENC_UTF_8) as a C string: it ends at the first NUL. */
function tokenText(st: JsonState, t: Token): string {
  const b = st.tvb.view(t.offset, t.len);
  const nul = b.indexOf(0);
  return utf8.decode(nul < 0 ? b : b.subarray(0, nul));
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u;

/**
 * A string token's text without quotes and with escapes resolved, as tshark 4.0 does it: a
 * \uXXXX escape gives its character when printable and nothing otherwise, and one that ends
 * the string is dropped.
 */
export function jsonStringValue(raw: string): string {
  const inner =
    raw.length >= 2 && raw.endsWith('"') ? raw.slice(raw.startsWith('"') ? 1 : 0, -1) : raw.replace(/^"/, '');
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = inner[++i];
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        let cp = parseInt(inner.slice(i + 1, i + 5), 16);
        i += 4;
        let valid = /^[0-9a-fA-F]{4}$/.test(inner.slice(i - 3, i + 1));
        if (cp >= 0xd800 && cp <= 0xdbff && inner.slice(i + 1, i + 3) === '\\u') {
          const lo = parseInt(inner.slice(i + 3, i + 7), 16);
          i += 6;
          if (lo >= 0xdc00 && lo <= 0xdfff) cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          else valid = false;
        } else if (cp >= 0xd800 && cp <= 0xdfff) {
          valid = false;
        }
        if (i + 1 >= inner.length) break;
        if (valid) {
          const ch = String.fromCodePoint(cp);
          if (!NOT_PRINTABLE.test(ch)) out += ch;
        }
        break;
      }
      default:
        out += e ?? '';
    }
  }
  return out;
}

function top(st: JsonState): ProtoNode | null {
  return st.stack[st.stack.length - 1];
}

function beforeObject(st: JsonState, t: Token): void {
  const parent = top(st);
  st.stack.push(parent ? parent.add(hfJson.object, st.tvb, t.offset, t.len, null) : null);
}

function pop(st: JsonState): void {
  st.stack.pop();
}

function beforeMember(st: JsonState, t: Token): void {
  const key = jsonStringValue(tokenText(st, t.sub as Token));
  const parent = top(st);
  st.stack.push(parent ? parent.add(hfJson.member, st.tvb, t.offset, t.len, key) : null);
  const base = st.paths[st.paths.length - 2];
  st.paths.push(`${base}/${key}`, key);
}

function afterMember(st: JsonState, t: Token): void {
  const tree = st.stack.pop() ?? null;
  const keyTok = t.sub as Token;
  if (tree && keyTok.id === T.STRING) {
    tree.add(hfJson.key, st.tvb, keyTok.offset, keyTok.len, jsonStringValue(tokenText(st, keyTok)));
  }
  st.paths.pop();
  const path = st.paths.pop() as string;
  tree?.add(hfJson.path, st.tvb, t.offset, t.len, path).setGenerated();
}

function beforeArray(st: JsonState, t: Token): void {
  const parent = top(st);
  st.stack.push(parent ? parent.add(hfJson.array, st.tvb, t.offset, t.len, null) : null);
  const base = st.paths[st.paths.length - 2];
  st.paths.push(`${base}/[]`, '[]');
}

function afterArray(st: JsonState): void {
  st.stack.pop();
  st.paths.pop();
  st.paths.pop();
}

function afterValue(st: JsonState, t: Token): void {
  const id = t.sub ? t.sub.id : -1;
  if (id < T.NUMBER || id > T.NAN) return;
  const tree = top(st);
  if (!tree) return;
  const key = st.paths[st.paths.length - 1];
  const path = st.paths[st.paths.length - 2];
  const raw = tokenText(st, t);
  const value = id === T.STRING ? jsonStringValue(raw) : raw;
  const { tvb } = st;
  tree.add(hfJson.pathWithValue, tvb, t.offset, t.len, `${path}:${value}`).setGenerated();
  tree.add(hfJson.memberWithValue, tvb, t.offset, t.len, `${key}:${value}`).setGenerated();
  switch (id) {
    case T.STRING:
      tree.add(hfJson.valueString, tvb, t.offset, t.len, value);
      break;
    case T.NUMBER:
      tree.add(hfJson.valueNumber, tvb, t.offset, t.len, raw);
      break;
    case T.FALSE:
      tree.add(hfJson.valueFalse, tvb, t.offset, t.len, null);
      break;
    case T.NULL:
      tree.add(hfJson.valueNull, tvb, t.offset, t.len, null);
      break;
    case T.TRUE:
      tree.add(hfJson.valueTrue, tvb, t.offset, t.len, null);
      break;
    default:
      tree.add(hfJson.valueNan, tvb, t.offset, t.len, null);
  }
}

/** The JSON grammar (RFC 4627 as tshark 4.0 writes it, NaN included). */
function grammar(): { want: Wanted; ignore: Wanted } {
  const quot = char(-1, '"');
  const string = seq(T.STRING, [
    quot,
    some(
      -1,
      0,
      0x7fffffff,
      oneOf(-1, [
        notChars(-1, 0, 0, '"\\'),
        seq(-1, [
          char(-1, '\\'),
          oneOf(-1, [
            chars(-1, 0, 1, '"\\/bfnrt'),
            seq(-1, [char(-1, 'u'), chars(-1, 4, 4, '0123456789abcdefABCDEF')]),
          ]),
        ]),
      ]),
    ),
    quot,
  ]);
  const sep = char(-1, ',');
  const int = oneOf(-1, [
    char(-1, '0'),
    seq(-1, [chars(-1, 1, 1, '123456789'), optional(chars(-1, 0, 0, '0123456789'))]),
  ]);
  const number = seq(T.NUMBER, [
    optional(chars(-1, 0, 1, '-')),
    int,
    optional(seq(-1, [char(-1, '.'), chars(-1, 1, 0, '0123456789')])),
    optional(seq(-1, [char(-1, 'eE'), optional(chars(-1, 0, 1, '-+')), chars(-1, 1, 0, '0123456789')])),
  ]);
  const valueAlts: Wanted[] = [];
  const value = oneOf(-1, valueAlts, { after: afterValue as never });
  const array = seq(
    T.ARRAY,
    [
      char(-1, '['),
      optional(seq(-1, [value, some(-1, 0, 0x7fffffff, seq(-1, [sep, value]))])),
      char(-1, ']'),
    ],
    { before: beforeArray as never, after: afterArray as never },
  );
  const member = seq(-1, [string, char(-1, ':'), value], {
    before: beforeMember as never,
    after: afterMember as never,
  });
  const object = seq(
    T.OBJECT,
    [
      char(-1, '{'),
      optional(seq(-1, [member, some(-1, 0, 0x7fffffff, seq(-1, [sep, member]))])),
      char(-1, '}'),
    ],
    { before: beforeObject as never, after: pop as never },
  );
  valueAlts.push(
    literal(T.FALSE, 'false'),
    literal(T.NULL, 'null'),
    literal(T.TRUE, 'true'),
    literal(T.NAN, 'NaN'),
    object,
    array,
    number,
    string,
  );
  return { want: oneOf(-1, [object, array]), ignore: chars(-1, 1, 0, ' \t\r\n') };
}

const GRAMMAR = grammar();

export function dissectJson(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): number {
  pinfo.currentProto = 'JSON';
  const cols = pinfo.cols;
  const below = pinfo.layers[pinfo.layers.length - 1];
  pinfo.addLayer('json');
  if (cols?.writable) {
    if (below !== undefined) {
      cols.protocol = cols.protocol ? `${cols.protocol}/JSON` : 'JSON';
      cols.appendInfoSep(', ', 'JavaScript Object Notation');
    } else {
      cols.setProtocol('JSON');
      cols.setInfo('JavaScript Object Notation');
    }
  }
  const name = dataName(data);
  const ti = tree
    ? tree.add(protoJson, tvb, 0, tvb.length, null, `JavaScript Object Notation${name ? `: ${name}` : ''}`)
    : null;
  const st: JsonState = { tvb, stack: [ti], paths: ['', ''] };
  const p = new Parser(tvb.bytes.subarray(tvb.start, tvb.start + tvb.length), 0, tvb.length, GRAMMAR.ignore);
  while (p.get(GRAMMAR.want, st));
  const offset = p.offset;
  if (ti) ti.len = offset;
  if (tvb.reportedRemaining(offset) > 0) {
    const saved = pinfo.currentProto;
    dissectTextLines(tvb.sub(offset), pinfo, tree, data);
    pinfo.currentProto = saved;
  } else if (name) {
    cols?.appendInfoSep(' ', `(${name})`);
  }
  return tvb.length;
}
