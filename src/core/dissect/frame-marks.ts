/**
 * Marks that dissectors set on a frame during the first pass to say "this frame may hold the
 * fields of this family". The index keeps them per frame (src/core/index/frame-marks.ts), and a
 * display filter whose answer is known when a family is absent needs to dissect only the
 * frames that carry its mark: `http.request.uri contains "x"` looks at request frames, not at
 * every segment of every HTTP response.
 *
 * A mark must be set wherever a field of its family can be added (with a tree or without), so
 * the marked frames are a superset of the frames whose trees hold such a field; the test in
 * tests/core/index/frame-marks.test.ts checks that on every corpus capture.
 */
export const FRAME_MARK = {
  /** An HTTP request line was parsed (its fields, http.request, full URI, request number). */
  HTTP_REQUEST: 1,
  /** An HTTP status line was parsed (its fields, http.response, the links to the request). */
  HTTP_RESPONSE: 2,
  /**
   * A TLS handshake record (or an SSLv2 record) was looked at: every tls.handshake.* field, and
   * the X.509 items of the certificates (TLS handshakes are their only carrier).
   */
  TLS_HANDSHAKE: 4,
} as const;

/**
 * The fields (by filter name) that occur only in frames carrying each mark: the names listed,
 * and for each of `prefixes` that name and every name under it (`tls.handshake`,
 * `tls.handshake.type` ...).
 */
export const MARK_FAMILIES: readonly {
  readonly bit: number;
  readonly fields: readonly string[];
  readonly prefixes?: readonly string[];
}[] = [
  {
    bit: FRAME_MARK.HTTP_REQUEST,
    fields: [
      'http.request',
      'http.request.method',
      'http.request.uri',
      'http.request.uri.path',
      'http.request.uri.query',
      'http.request.uri.query.parameter',
      'http.request.version',
      'http.request.full_uri',
      'http.request_number',
    ],
  },
  {
    bit: FRAME_MARK.HTTP_RESPONSE,
    fields: [
      'http.response',
      'http.response.version',
      'http.response.code',
      'http.response.code.desc',
      'http.response.phrase',
      'http.response_number',
      'http.response_for.uri',
      'http.time',
      'http.request_in',
      'http.prev_response_in',
      'http.next_response_in',
    ],
  },
  {
    bit: FRAME_MARK.TLS_HANDSHAKE,
    fields: [],
    prefixes: ['tls.handshake', 'x509af', 'x509ce', 'x509if', 'x509sat', 'pkix1implicit', 'pkcs1', 'pkcs-1'],
  },
];

const BIT_BY_NAME = new Map<string, number>();
for (const f of MARK_FAMILIES) for (const name of f.fields) BIT_BY_NAME.set(name, f.bit);

/** The mark whose family holds the field `abbrev`, or 0. */
export function markOfField(abbrev: string): number {
  const bit = BIT_BY_NAME.get(abbrev);
  if (bit !== undefined) return bit;
  for (const f of MARK_FAMILIES) {
    for (const p of f.prefixes ?? []) if (abbrev === p || abbrev.startsWith(`${p}.`)) return f.bit;
  }
  return 0;
}
