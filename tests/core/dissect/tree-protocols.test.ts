/**
 * DissectOptions.treeProtocols lets a filter's tree leave out subtrees of protocols it does not
 * name (X.509 inside TLS certificates) and index only the named protocols' items: those items
 * (walked and looked up), the frame's layers and its expert items must be exactly those of the
 * full tree, on every TLS-bearing corpus
 * capture and the hand-made TLS captures; and the certificate items come back as soon as the
 * filter names an X.509 protocol.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../../src/core/dissect/fields';
import type { DissectedFrame } from '../../../src/core/dissect/frame';
import type { ProtoNode } from '../../../src/core/dissect/tree';
import { TLS_CASES } from '../protocols/tls/cases';
import { loadedSession } from '../../tools/loaded-session';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../../shared/captures');

function captures(): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  if (existsSync(DIR)) {
    for (const f of readdirSync(DIR)
      .filter((f) => /\.(pcap|pcapng)$/.test(f))
      .sort())
      out.push([f, new Uint8Array(readFileSync(join(DIR, f)))]);
  }
  for (const [name, make] of Object.entries(TLS_CASES)) out.push([`tls case ${name}`, make()]);
  return out;
}

/** "abbrev=value" of every item of the given protocols, in tree order. */
function items(d: DissectedFrame, protocols: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly ProtoNode[] | null): void => {
    for (const n of nodes ?? []) {
      if (protocols.has(n.def.proto)) {
        const v = n.value instanceof Uint8Array ? Buffer.from(n.value).toString('hex') : String(n.value);
        out.push(`${n.def.abbrev}=${v}`);
      }
      walk(n.children);
    }
  };
  walk(d.tree ? d.tree.top : null);
  return out;
}

describe('treeProtocols', () => {
  it('keeps every item of the named protocols, the layers and the expert items', () => {
    const named = new Set(['frame', 'tcp', 'tls']);
    let certificates = 0;
    for (const [name, bytes] of captures()) {
      const s = loadedSession(bytes);
      for (let num = 1; num <= s.frameCount; num++) {
        const full = s.dissect(num, { tree: true, columns: false });
        const fullItems = items(full, named);
        const fullLayers = full.pinfo.layers.join(':');
        const fullExpert = full.pinfo.expert.map((e) => `${e.protocol}/${e.summary}`);
        if (fullLayers.includes('x509sat')) certificates++;
        const lean = s.dissect(num, { tree: true, columns: false, treeProtocols: named });
        const where = `${name} #${num}`;
        expect(items(lean, named), where).toEqual(fullItems);
        // The filter reads occurrences through the tree's index: same counts for the named ones.
        const defs = new Map<string, FieldDef>();
        const collect = (nodes: readonly ProtoNode[] | null): void => {
          for (const n of nodes ?? []) {
            if (named.has(n.def.proto)) defs.set(n.def.abbrev, n.def);
            collect(n.children);
          }
        };
        collect(full.tree ? full.tree.top : null);
        for (const def of defs.values()) {
          expect(lean.tree?.occurrences(def).length, `${where} ${def.abbrev}`).toBe(
            full.tree?.occurrences(def).length,
          );
        }
        expect(lean.pinfo.layers.join(':'), where).toBe(fullLayers);
        expect(
          lean.pinfo.expert.map((e) => `${e.protocol}/${e.summary}`),
          where,
        ).toEqual(fullExpert);
      }
    }
    expect(certificates).toBeGreaterThan(0);
  }, 300_000);

  it('builds the certificate items when the filter names an X.509 protocol', () => {
    const bytes = TLS_CASES.certificateOverTwoRecords();
    const s = loadedSession(bytes);
    const x509 = new Set(['x509sat', 'x509af', 'x509ce']);
    let withCert = 0;
    for (let num = 1; num <= s.frameCount; num++) {
      const full = items(s.dissect(num, { tree: true, columns: false }), x509);
      const named = items(
        s.dissect(num, { tree: true, columns: false, treeProtocols: new Set(['x509sat']) }),
        x509,
      );
      const other = items(
        s.dissect(num, { tree: true, columns: false, treeProtocols: new Set(['tls']) }),
        x509,
      );
      expect(named).toEqual(full);
      if (full.length > 0) {
        withCert++;
        expect(other).toEqual([]);
      }
    }
    expect(withCert).toBeGreaterThan(0);
  });
});
