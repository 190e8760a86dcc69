import { describe, expect, it } from 'vitest';
import type { ExpertGroupRow } from '../../../src/core/stats/expert-summary';
import type { IoGraphResult, NamedHierarchyNode } from '../../../src/worker/stats-api';
import { groupExpert } from '../../../src/ui/stats/expert-groups';
import { hierarchyRows } from '../../../src/ui/stats/hierarchy-rows';
import { frameAtPoint, ioRows } from '../../../src/ui/stats/io-rows';

const node = (proto: string, frames: number, bytes: number, children: NamedHierarchyNode[] = []) => ({
  proto,
  name: proto.toUpperCase(),
  frames,
  bytes,
  children,
});

describe('panel rows', () => {
  it('hierarchy: depth-first with shares and end counts', () => {
    const root = node('', 10, 1000, [
      node('eth', 10, 1000, [node('arp', 2, 84), node('ip', 8, 916, [node('tcp', 8, 916)])]),
    ]);
    const rows = hierarchyRows(root);
    expect(rows.map((r) => `${r.depth} ${r.path} ${r.endFrames}`)).toEqual([
      '0 eth 0',
      '1 eth/arp 2',
      '1 eth/ip 0',
      '2 eth/ip/tcp 8',
    ]);
    expect(rows[1].framesShare).toBeCloseTo(0.2);
  });
  it('expert: severities most severe first, groups with counts', () => {
    const row = (severity: 1 | 2 | 3 | 4 | 5, group: string, count: number): ExpertGroupRow => ({
      severity,
      group,
      protocol: 'TCP',
      summary: `${group} ${count}`,
      count,
      frames: [],
    });
    const blocks = groupExpert([
      row(3, 'Sequence', 5),
      row(4, 'Protocol', 2),
      row(3, 'Sequence', 1),
      row(4, 'Sequence', 7),
    ]);
    expect(
      blocks.map((b) => `${b.name} ${b.count} [${b.groups.map((g) => `${g.group}:${g.count}`).join(' ')}]`),
    ).toEqual(['Warning 9 [Protocol:2 Sequence:7]', 'Note 6 [Sequence:6]']);
  });
  it('I/O rows per metric; a click takes the first series that has a frame', () => {
    const s = (packets: number[], first: number[]) => ({
      name: 'x',
      filter: '',
      packets: Float64Array.from(packets),
      bytes: Float64Array.from(packets.map((p) => p * 100)),
      bits: Float64Array.from(packets.map((p) => p * 800)),
      firstFrame: Uint32Array.from(first),
    });
    const g: IoGraphResult = {
      intervalUs: 1e6,
      intervals: 2,
      groupSize: 1,
      time: Float64Array.from([0, 1]),
      series: [s([0, 3], [0, 7]), s([1, 1], [4, 9])],
      choices: [],
      auto: false,
    };
    expect(ioRows(g, 'bytes')).toEqual([
      { t: 0, s0: 0, s1: 100 },
      { t: 1, s0: 300, s1: 100 },
    ]);
    expect(frameAtPoint(g, 0)).toBe(4);
    expect(frameAtPoint(g, 1)).toBe(7);
  });
});
