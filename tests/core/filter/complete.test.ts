import { describe, expect, it } from 'vitest';
import { complete } from '../../../src/core/filter/complete';
import './helpers';

const labels = (text: string, cursor = text.length): string[] =>
  complete(text, cursor).items.map((i) => i.label);

describe('display filter autocompletion', () => {
  it('offers protocols and functions at the start of a test', () => {
    const c = complete('t', 1);
    expect(c).toMatchObject({ from: 0, to: 1 });
    expect(c.items).toEqual([
      { label: 'tp', kind: 'protocol', detail: 'Test Protocol — Protocol', insert: 'tp' },
      { label: 'tq', kind: 'protocol', detail: 'Inner Test Protocol — Protocol', insert: 'tq' },
    ]);
    expect(complete('le', 2).items).toEqual([
      {
        label: 'len',
        kind: 'function',
        detail: 'len(field): byte length of a string or bytes field',
        insert: 'len(',
      },
    ]);
    expect(labels('no')).toEqual(['not']);
  });

  it('lists a protocol\'s fields after "proto.", nearest first', () => {
    expect(labels('tp.u')).toEqual(['tp.u16', 'tp.u32', 'tp.u64', 'tp.u8']);
    expect(complete('tp.u3', 5).items[0]).toEqual({
      label: 'tp.u32',
      kind: 'field',
      detail: 'U32 — Unsigned integer (32 bits)',
      insert: 'tp.u32',
    });
    expect(labels('tq.')).toEqual(['tq.u16']);
    expect(labels('(tp.u16 == 1) and tp.s')).toEqual(['tp.str']);
  });

  it('replaces the whole word under the cursor', () => {
    expect(complete('tp.u1 == 3', 4)).toMatchObject({ from: 0, to: 5 });
  });

  it('offers the operators that suit the field type', () => {
    expect(labels('tp.u16 ')).toEqual([
      '==',
      '!=',
      '>',
      '<',
      '>=',
      '<=',
      'in',
      '&',
      '===',
      '!==',
      'and',
      'or',
    ]);
    expect(labels('tp.str ')).toEqual([
      '==',
      '!=',
      '>',
      '<',
      '>=',
      '<=',
      'contains',
      'matches',
      'in',
      '===',
      '!==',
      'and',
      'or',
    ]);
    expect(labels('tp.none ')).toEqual(['and', 'or']);
    expect(labels('tp.str co')).toEqual(['contains']);
    expect(labels('tp.u16 co')).toEqual([]);
    expect(complete('tp.str m', 8).items[0]).toMatchObject({
      label: 'matches',
      kind: 'operator',
      insert: 'matches ',
    });
  });

  it('offers value names after a comparison and inside a set', () => {
    expect(complete('tp.code == ', 11).items).toEqual([
      { label: 'No error', kind: 'value', detail: '0', insert: '"No error"' },
      { label: 'No such name', kind: 'value', detail: '3', insert: '"No such name"' },
      { label: 'Refused', kind: 'value', detail: '5', insert: 'Refused' },
    ]);
    expect(labels('tp.code == re')).toEqual(['Refused']);
    expect(labels('tp.code in {0, ')).toEqual(['No error', 'No such name', 'Refused']);
    expect(labels('tp.flag != ')).toEqual(['True', 'False', 'Set', 'Not set']);
  });

  it('offers and/or after a complete test', () => {
    expect(labels('tp.u16 == 3 ')).toEqual(['and', 'or']);
    expect(labels('tp.u16 == 3 o')).toEqual(['or']);
  });

  it('offers nothing inside an unfinished string', () => {
    expect(labels('tp.str == "ab')).toEqual([]);
  });
});
