import { describe, expect, it } from 'vitest';
import { complete } from '../../../src/core/filter/complete';
import { compileDisplayFilter } from '../../../src/core/filter/index';
import { frame, tf, tproto } from './helpers';

/** Token soup: every operator, several literal shapes and names, in random order. */
const ATOMS = [
  'tp',
  'tp.u16',
  'tp.u64',
  'tp.str',
  'tp.bytes',
  'tp.ether',
  'tp.ip',
  'tp.ip6',
  'tp.flag',
  'tp.abs',
  'tp.rel',
  'tp.dbl',
  'tp.none',
  'tp.code',
  '==',
  '!=',
  '===',
  '!==',
  '~=',
  '>',
  '<=',
  'contains',
  'matches',
  '~',
  'in',
  'not',
  '!',
  'and',
  '&&',
  'or',
  '||',
  'any',
  'all',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  '..',
  '#',
  '$',
  '&',
  '+',
  '-',
  '*',
  '/',
  '%',
  '1',
  '0x10',
  '1.5',
  '10.0.0.0/8',
  'fd00::1',
  '02:00:00:00:00:10',
  '"abc"',
  'r"a\\b"',
  "'a'",
  '"\\x41"',
  '0:2',
  'len',
  'count',
  'lower',
  'upper',
  'string',
  'abs',
  'max',
  'min',
  'True',
  'foo',
  '"(a|b)+"',
  '"[x"',
  '.tp.u16',
  '${tp.u16}',
  ':',
  '"',
  "'",
];

describe('display filters never throw', () => {
  const frames = [
    frame([
      {
        def: tproto,
        at: [0, 8],
        children: [
          { def: tf.u16, value: 53 },
          { def: tf.u64, value: 2n ** 62n },
          { def: tf.str, value: 'abc' },
          { def: tf.bytes, value: Uint8Array.of(1, 2, 3) },
          { def: tf.ether, value: Uint8Array.of(2, 0, 0, 0, 0, 0x10) },
          { def: tf.ip, value: 0x0a000001 },
          { def: tf.ip6, value: new Uint8Array(16) },
          { def: tf.flag, value: 1 },
          { def: tf.abs, value: { sec: 1, nsec: 2 } },
          { def: tf.rel, value: 5 },
          { def: tf.dbl, value: 0.5 },
          { def: tf.none },
          { def: tf.code, value: 3 },
        ],
      },
    ]),
    frame([]),
  ];

  it('compiles, evaluates and completes random token sequences', () => {
    let seed = 1;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      let text = '';
      if (i % 2 === 0) {
        for (let k = 1 + rnd(7); k > 0; k--) text += ATOMS[rnd(ATOMS.length)] + (rnd(3) ? ' ' : '');
      } else {
        // "name op value [and|or ...]": mostly well-formed, so many reach evaluation.
        for (let k = 1 + rnd(3); k > 0; k--) {
          text += `${ATOMS[rnd(14)]} ${ATOMS[14 + rnd(9)]} ${ATOMS[50 + rnd(12)]}`;
          if (k > 1) text += rnd(2) ? ' and ' : ' or ';
        }
      }
      const r = compileDisplayFilter(text);
      if (r.ok) {
        accepted++;
        for (const f of frames) expect(typeof r.value.matches(f)).toBe('boolean');
      } else {
        expect(r.error.message.length).toBeGreaterThan(0);
        expect(r.error.from).toBeGreaterThanOrEqual(0);
        expect(r.error.to).toBeGreaterThanOrEqual(r.error.from);
      }
      const c = complete(text, rnd(text.length + 1));
      expect(c.from).toBeLessThanOrEqual(c.to);
    }
    // The soup must also produce valid filters, or the evaluation half tests nothing.
    expect(accepted).toBeGreaterThan(300);
  });
});
