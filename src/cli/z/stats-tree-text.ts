import { BURST_WINDOW_MS, type StatsNode, type StatsTree } from '../../core/stats/stats-tree';

const COLUMNS = [
  'Count',
  'Average',
  'Min Val',
  'Max Val',
  'Rate (ms)',
  'Percent',
  'Burst Rate',
  'Burst Start',
] as const;
/** Width of each value column (tshark pads every value to 12 and adds a space each side). */
const VALUE_WIDTH = 12;

/** tshark's default order: count descending, ties by name descending (byte order). */
function sorted(nodes: readonly StatsNode[]): StatsNode[] {
  return [...nodes].sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
  });
}

function maxNameLength(nodes: readonly StatsNode[], indent: number): number {
  let m = 0;
  for (const n of nodes) {
    m = Math.max(m, indent + n.name.length, maxNameLength(n.children, indent + 1));
  }
  return m;
}

function values(tree: StatsTree, n: StatsNode): string[] {
  const parent = n.parent;
  let percent = '';
  if (parent === tree.root) percent = '100%';
  else if (parent && parent.count > 0) percent = `${((n.count * 100) / parent.count).toFixed(2)}%`;
  const burst = n.maxBurst > 0;
  return [
    String(n.count),
    '',
    '',
    '',
    tree.elapsedMs > 0 ? (n.count / tree.elapsedMs).toFixed(4) : '',
    percent,
    burst ? (n.maxBurst / BURST_WINDOW_MS).toFixed(4) : '-',
    burst ? (n.burstTimeMs / 1000).toFixed(3) : '-',
  ];
}

function line(name: string, width: number, cells: readonly string[]): string {
  let s = name.padEnd(width);
  for (const c of cells) s += ` ${c.padEnd(VALUE_WIDTH)} `;
  return `${s}\n`;
}

/** A stats tree as tshark prints it at the end of a run (stats_tree plain format). */
export function renderStatsTree(tree: StatsTree): string {
  const width = maxNameLength(tree.root.children, 0) + 1;
  const total = width + COLUMNS.length * (VALUE_WIDTH + 2);
  let s = `\n${'='.repeat(total)}\n${tree.title}:\n`;
  s += line('Topic / Item', width, COLUMNS);
  s += `${'-'.repeat(total)}\n`;
  const walk = (nodes: readonly StatsNode[], indent: number): void => {
    for (const n of sorted(nodes)) {
      s += line(' '.repeat(indent) + n.name, width, values(tree, n));
      walk(n.children, indent + 1);
    }
  };
  walk(tree.root.children, 0);
  s += `\n${'-'.repeat(total)}\n`;
  return s;
}
