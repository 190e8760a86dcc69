/** Tokens of the display-filter language (Wireshark 4.0's scanner vocabulary). */
export type TokKind =
  | 'LPAREN'
  | 'RPAREN'
  | 'COMMA'
  | 'LBRACE'
  | 'RBRACE'
  | 'DOTDOT'
  | 'LBRACKET'
  | 'RBRACKET'
  | 'HASH'
  | 'DOLLAR'
  /** A slice or layer range inside [...] ("0:3", "-1", "2-4"), text as written. */
  | 'RANGE'
  /** The digits after '#' (layer number). */
  | 'INDEX'
  | 'ANY_EQ'
  | 'ALL_NE'
  | 'ALL_EQ'
  | 'ANY_NE'
  | 'GT'
  | 'GE'
  | 'LT'
  | 'LE'
  | 'CONTAINS'
  | 'MATCHES'
  | 'NOT'
  | 'AND'
  | 'OR'
  | 'IN'
  | 'ANY'
  | 'ALL'
  | 'PLUS'
  | 'MINUS'
  | 'STAR'
  | 'SLASH'
  | 'PERCENT'
  | 'BITAND'
  /** "..." or r"..." */
  | 'STRING'
  /** '...' */
  | 'CHARCONST'
  /** Addresses and byte strings the scanner recognizes by shape (never a field name). */
  | 'LITERAL'
  /** A word: a field/protocol name, a function name or a literal, decided by the parser. */
  | 'UNPARSED'
  /** A '.'-prefixed word: always a field (resolved by the scanner). */
  | 'FIELD'
  /** ${field}: the value of a field in the selected frame. */
  | 'REFERENCE'
  /** Any other character; the parser rejects it. */
  | 'UNKNOWN'
  /** A scanning error; the parser reports it when it reaches it. */
  | 'ERROR'
  | 'EOF';

export interface Token {
  kind: TokKind;
  /** Source span [from, to). */
  from: number;
  to: number;
  /** The text as written (what tshark quotes in its messages). */
  text: string;
  /** STRING: the decoded value (bytes as UTF-8 where valid); LITERAL: the text without a ':' prefix. */
  value?: string;
  /** STRING: the decoded bytes. */
  bytes?: Uint8Array;
  /** CHARCONST: the character's value. */
  char?: number;
  /** FIELD / REFERENCE: the resolved field name. */
  name?: string;
  /** ERROR: the message; noLocation when tshark prints no caret for it. */
  message?: string;
  noLocation?: boolean;
}

/** Keywords: a word that is exactly one of these is an operator, not a name. */
export const KEYWORDS: ReadonlyMap<string, TokKind> = new Map<string, TokKind>([
  ['eq', 'ANY_EQ'],
  ['any_eq', 'ANY_EQ'],
  ['ne', 'ALL_NE'],
  ['all_ne', 'ALL_NE'],
  ['all_eq', 'ALL_EQ'],
  ['any_ne', 'ANY_NE'],
  ['gt', 'GT'],
  ['ge', 'GE'],
  ['lt', 'LT'],
  ['le', 'LE'],
  ['contains', 'CONTAINS'],
  ['matches', 'MATCHES'],
  ['not', 'NOT'],
  ['and', 'AND'],
  ['or', 'OR'],
  ['in', 'IN'],
  ['any', 'ANY'],
  ['all', 'ALL'],
  ['bitwise_and', 'BITAND'],
]);

/** Symbolic operators, longest first (the scanner takes the longest match). */
export const SYMBOLS: readonly (readonly [string, TokKind])[] = [
  ['===', 'ALL_EQ'],
  ['!==', 'ANY_NE'],
  ['==', 'ANY_EQ'],
  ['!=', 'ALL_NE'],
  ['~=', 'ANY_NE'],
  ['>=', 'GE'],
  ['<=', 'LE'],
  ['&&', 'AND'],
  ['||', 'OR'],
  ['..', 'DOTDOT'],
  ['(', 'LPAREN'],
  [')', 'RPAREN'],
  [',', 'COMMA'],
  ['{', 'LBRACE'],
  ['}', 'RBRACE'],
  ['>', 'GT'],
  ['<', 'LT'],
  ['!', 'NOT'],
  ['~', 'MATCHES'],
  ['&', 'BITAND'],
  ['+', 'PLUS'],
  ['-', 'MINUS'],
  ['*', 'STAR'],
  ['/', 'SLASH'],
  ['%', 'PERCENT'],
];

export const COMPARISON_KINDS: ReadonlySet<TokKind> = new Set<TokKind>([
  'ANY_EQ',
  'ALL_NE',
  'ALL_EQ',
  'ANY_NE',
  'GT',
  'GE',
  'LT',
  'LE',
]);

/** An ERROR token: the scanner stops here and the parser reports `message` when it reaches it. */
export function errorAt(from: number, to: number, message: string, noLocation = false): Token {
  return { kind: 'ERROR', from, to, text: '', message, noLocation: noLocation || undefined };
}
