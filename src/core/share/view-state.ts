/**
 * The view state carried in a link's fragment: `#k=<key>&f=<filter>&p=<frame>&...`.
 * The fragment never reaches the server, which is why the decryption key lives here too.
 *
 * Syntax: `name=value` pairs joined by `&`; values are percent-encoded (UTF-8) so a filter may
 * contain `&`, `=`, `#`, `%`, quotes or any Unicode. A `+` is a literal plus, not a space
 * (we always write spaces as %20). Parsing is forgiving: anything malformed is dropped with a
 * human-readable notice and the rest of the link still applies.
 */

export const TIME_FORMATS = ['rel', 'delta', 'abs', 'utc', 'epoch'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

export const FOLLOW_PROTOCOLS = ['tcp', 'udp', 'tls', 'http', 'http2', 'quic'] as const;
export type FollowProtocol = (typeof FOLLOW_PROTOCOLS)[number];

export const FOLLOW_DIRECTIONS = ['both', 'c2s', 's2c'] as const;
export type FollowDirection = (typeof FOLLOW_DIRECTIONS)[number];

/** "Follow stream" dialog: `follow=tcp:3:c2s` (direction optional, default both). */
export interface FollowState {
  protocol: FollowProtocol;
  stream: number;
  direction: FollowDirection;
}

/** An open graph: `graph=tcptrace:3` or `graph=io` (stream only for per-stream graphs). */
export interface GraphState {
  name: string;
  stream?: number;
}

export interface ViewState {
  /** `k`: base64url decryption key of a shared capture (validated when decrypting, not here). */
  key?: string;
  /** `f`: display filter text, exactly as typed. */
  filter?: string;
  /** `p`: selected frame number (1-based). */
  frame?: number;
  follow?: FollowState;
  graph?: GraphState;
  /** `t`: time column format. */
  time?: TimeFormat;
  /** `url`: capture loaded from an http(s) URL rather than a share. */
  url?: string;
}

export interface ParsedViewState {
  state: ViewState;
  notices: string[];
}

const FIELD_ORDER = ['k', 'f', 'p', 'follow', 'graph', 't', 'url'] as const;
type FieldName = (typeof FIELD_ORDER)[number];

/** Lone UTF-16 surrogates cannot be UTF-8 encoded (encodeURIComponent throws); they become U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const GRAPH_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const WHOLE_NUMBER = /^(0|[1-9][0-9]{0,15})$/;

function parseWholeNumber(text: string): number | undefined {
  if (!WHOLE_NUMBER.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Parses one field's decoded value into `state`; returns a notice when the value is unusable. */
function applyField(state: ViewState, name: FieldName, value: string): string | undefined {
  switch (name) {
    case 'k':
      state.key = value;
      return undefined;
    case 'f':
      state.filter = value;
      return undefined;
    case 'p': {
      const n = parseWholeNumber(value);
      if (n === undefined || n === 0)
        return `Ignored the frame number "${value}" (expected a number from 1 up).`;
      state.frame = n;
      return undefined;
    }
    case 'follow': {
      const parts = value.split(':');
      const stream = parts.length >= 2 ? parseWholeNumber(parts[1]) : undefined;
      const direction = parts.length === 3 ? parts[2] : 'both';
      if (
        parts.length > 3 ||
        !isOneOf(FOLLOW_PROTOCOLS, parts[0]) ||
        stream === undefined ||
        !isOneOf(FOLLOW_DIRECTIONS, direction)
      ) {
        return `Ignored the followed stream "${value}" (expected e.g. tcp:3:both, with ${FOLLOW_PROTOCOLS.join('/')} and ${FOLLOW_DIRECTIONS.join('/')}).`;
      }
      state.follow = { protocol: parts[0], stream, direction };
      return undefined;
    }
    case 'graph': {
      const parts = value.split(':');
      const stream = parts.length === 2 ? parseWholeNumber(parts[1]) : undefined;
      if (parts.length > 2 || !GRAPH_NAME.test(parts[0]) || (parts.length === 2 && stream === undefined)) {
        return `Ignored the graph "${value}" (expected a name, optionally followed by :stream).`;
      }
      state.graph = stream === undefined ? { name: parts[0] } : { name: parts[0], stream };
      return undefined;
    }
    case 't':
      if (!isOneOf(TIME_FORMATS, value)) {
        return `Ignored the time format "${value}" (expected one of ${TIME_FORMATS.join(', ')}).`;
      }
      state.time = value;
      return undefined;
    case 'url': {
      let parsed: URL | undefined;
      try {
        parsed = new URL(value);
      } catch {
        parsed = undefined;
      }
      if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
        return `Ignored the capture URL "${value}" (expected an http:// or https:// address).`;
      }
      state.url = value;
      return undefined;
    }
  }
}

/** Never throws: every problem becomes a notice and the offending part is skipped. */
export function parseViewState(fragment: string): ParsedViewState {
  const state: ViewState = {};
  const notices: string[] = [];
  const seen = new Set<string>();
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  for (const part of text.split('&')) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const name = safeDecode(rawName) ?? rawName;
    if (!isOneOf(FIELD_ORDER, name)) {
      notices.push(`Ignored the unknown link setting "${name}".`);
      continue;
    }
    if (eq < 0) {
      notices.push(`Ignored the link setting "${name}" without a value.`);
      continue;
    }
    if (seen.has(name)) {
      notices.push(`Ignored a repeated link setting "${name}" (the first one applies).`);
      continue;
    }
    seen.add(name);
    const value = safeDecode(part.slice(eq + 1));
    if (value === undefined) {
      notices.push(`Ignored the link setting "${name}": its value is not valid percent-encoded UTF-8.`);
      continue;
    }
    if (value.length === 0) continue; // "f=" means "no filter", the same as leaving it out
    const notice = applyField(state, name, value);
    if (notice) notices.push(notice);
  }
  return { state, notices };
}

function safeDecode(text: string): string | undefined {
  try {
    // A raw lone surrogate pasted into a fragment survives decoding; normalise it the way
    // formatViewState would, so parse(format(x)) is stable.
    return decodeURIComponent(text).replace(LONE_SURROGATE, '\uFFFD');
  } catch {
    return undefined;
  }
}

/**
 * Percent-encodes a value, then restores the characters that are legal and unambiguous in a
 * fragment value so common links stay readable (`follow=tcp:3:both`, `url=https://host/x.pcap`).
 * `&`, `=`, `#`, `%`, `+`, spaces and quotes stay encoded.
 */
function encodeValue(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD')).replace(
    /%(3A|2F|3F|40|2C|3B|24)/g,
    (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)),
  );
}

/** The fragment text without the leading '#'; fields always appear in the same order. */
export function formatViewState(state: ViewState): string {
  const parts: string[] = [];
  const add = (name: FieldName, value: string | undefined): void => {
    if (value !== undefined && value.length > 0) parts.push(`${name}=${encodeValue(value)}`);
  };
  add('k', state.key);
  add('f', state.filter);
  add('p', state.frame === undefined ? undefined : String(state.frame));
  add('follow', state.follow && `${state.follow.protocol}:${state.follow.stream}:${state.follow.direction}`);
  add(
    'graph',
    state.graph &&
      (state.graph.stream === undefined ? state.graph.name : `${state.graph.name}:${state.graph.stream}`),
  );
  add('t', state.time);
  add('url', state.url);
  return parts.join('&');
}
