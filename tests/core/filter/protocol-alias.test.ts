/**
 * tshark 4.0 still accepts "ssl" for the TLS protocol in display filters: "ssl" and every
 * "ssl.X" name select what "tls" / "tls.X" select (found on the second corpus, where tshark
 * matched `ssl` on every TLS frame and Wirelight rejected it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureSession } from '../../../src/core/session';
import { compileDisplayFilter, type DisplayFilter } from '../../../src/core/filter/index';
import { parseFilter } from '../../../src/core/filter/parser';
import { filterFieldByName } from '../../../src/core/filter/field-names';

const TLS = join(__dirname, '../../../../shared/captures/tls.pcapng');

function compiled(text: string): DisplayFilter {
  const r = compileDisplayFilter(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value;
}

describe('ssl is an old name of tls in display filters', () => {
  it('names the tls protocol and its fields', () => {
    expect(filterFieldByName('ssl')?.abbrev).toBe('tls');
    expect(filterFieldByName('ssl.handshake.type')?.abbrev).toBe('tls.handshake.type');
    expect(filterFieldByName('.ssl.record.version')).toBeUndefined();
    const parsed = parseFilter('.ssl.record.version == 0x0303');
    expect(parsed.ok).toBe(true);
  });

  it('leaves other unknown names unknown, with tshark message', () => {
    expect(filterFieldByName('sslx')).toBeUndefined();
    expect(filterFieldByName('ssl.nosuch')).toBeUndefined();
    const r = compileDisplayFilter('ssl.nosuch');
    expect(r.ok ? '' : r.error.message).toBe('ssl.nosuch is neither a field nor a protocol name.');
    const q = compileDisplayFilter('sslx');
    expect(q.ok ? '' : q.error.message).toBe('sslx is neither a field nor a protocol name.');
  });

  it.skipIf(!existsSync(TLS))('selects the same frames as the tls names on a TLS capture', () => {
    const pairs: [string, string][] = [
      ['ssl', 'tls'],
      ['ssl.handshake.type == 1', 'tls.handshake.type == 1'],
      ['ssl.alert_message', 'tls.alert_message'],
      ['len(ssl.handshake.extensions_server_name) > 3', 'len(tls.handshake.extensions_server_name) > 3'],
      ['ssl.record.version == 0x0303 && !tls.handshake', 'tls.record.version == 0x0303 && !tls.handshake'],
    ];
    const filters = pairs.flatMap(([a, b]) => [compiled(a), compiled(b)]);
    const hits: number[][] = filters.map(() => []);
    const session = new CaptureSession({
      firstPass: {
        tree: true,
        columns: false,
        onFrame: (d, input) => filters.forEach((f, i) => f.matches(d) && hits[i].push(input.num)),
      },
    });
    session.push(readFileSync(TLS));
    session.finish();
    for (let i = 0; i < pairs.length; i++) {
      expect(hits[2 * i].length).toBeGreaterThan(0);
      expect({ filter: pairs[i][0], frames: hits[2 * i] }).toEqual({
        filter: pairs[i][0],
        frames: hits[2 * i + 1],
      });
    }
  });
});
