/**
 * MIME header helpers shared by the multipart dissector: Wireshark's unfold_and_compact_mime_header
 * and ws_find_media_type_parameter.
 */

/**
 * Unfolds a MIME-like header and compacts its white space: LWS is kept inside quoted strings,
 * dropped around the separators ":;,=" and at the end, and any other run becomes one space.
 * The header ends at a line end that is not followed by folding white space. Returns the text
 * and the offset of its first colon (-1 without one).
 */
export function unfoldAndCompact(lines: string): { text: string; colon: number } {
  let out = '';
  let sepSeen = false;
  let lws = false;
  let colon = -1;
  let p = 0;
  const at = (i: number): string => (i < lines.length ? lines[i] : '\0');
  let c = at(p);
  while (c !== '\0') {
    if (c === ':') {
      lws = false;
      if (colon === -1) colon = out.length;
      out += c;
      sepSeen = true;
      p++;
    } else if (c === ';' || c === ',' || c === '=') {
      lws = false;
      out += c;
      sepSeen = true;
      p++;
    } else if (c === ' ' || c === '\t') {
      lws = true;
      p++;
    } else if (c === '\n') {
      lws = false;
      const n = at(p + 1);
      if (n !== '\0') {
        if (n === ' ' || n === '\t') {
          lws = true;
          p += 2;
        } else break;
      } else p++;
    } else if (c === '\r') {
      lws = false;
      const n = at(p + 1);
      if (n !== '\0') {
        if (n === '\n') {
          const n2 = at(p + 2);
          if (n2 !== '\0') {
            if (n2 === ' ' || n2 === '\t') {
              lws = true;
              p += 3;
            } else break;
          } else p += 2;
        } else if (n === ' ' || n === '\t') {
          lws = true;
          p += 2;
        } else break;
      } else p++;
    } else if (c === '"') {
      // A quoted string is copied as is, quoted pairs included.
      lws = false;
      out += c;
      p++;
      while (p < lines.length) {
        const q = lines[p++];
        out += q;
        if (q === '\\') {
          if (p < lines.length) out += lines[p++];
        } else if (q === '"') break;
      }
    } else {
      if (sepSeen) sepSeen = false;
      else if (lws) out += ' ';
      lws = false;
      out += c;
      p++;
    }
    c = at(p);
  }
  return { text: out, colon };
}

/** The value of parameter `key` (case-insensitive) in "a=b;c="d"", quotes and escapes removed. */
export function findMediaTypeParameter(params: string | null, key: string): string | null {
  if (params === null || key === '') return null;
  let p = 0;
  const n = params.length;
  while (p < n) {
    while (p < n && /\s/.test(params[p])) p++;
    if (p >= n) return null;
    const nameStart = p;
    while (p < n && params[p] !== '=' && params[p] !== ';') p++;
    const name = params.slice(nameStart, p);
    let value: string | null = null;
    if (p < n && params[p] === '=') {
      p++;
      if (params[p] === '"') {
        p++;
        let v = '';
        while (p < n && params[p] !== '"') {
          if (params[p] === '\\' && p + 1 < n) p++;
          v += params[p++];
        }
        p++;
        value = v;
        while (p < n && params[p] !== ';') p++;
      } else {
        const vs = p;
        while (p < n && params[p] !== ';') p++;
        value = params.slice(vs, p);
      }
    }
    if (p < n && params[p] === ';') p++;
    if (name.toLowerCase() === key.toLowerCase()) return value;
  }
  return null;
}
