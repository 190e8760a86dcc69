import { describe, expect, it } from 'vitest';
import { formatViewState, parseViewState } from '../../../src/core/share/view-state';
import { graphStateToPanel, panelToGraphState } from '../../../src/ui/stats/panels';

describe('statistics panels in the link', () => {
  it('round-trips every panel through the fragment', () => {
    const panels = [
      { kind: 'conversations' as const },
      { kind: 'io' as const },
      { kind: 'expert' as const },
      { kind: 'tcpgraph' as const, graph: 'tcptrace' as const, stream: 3, dir: null },
      { kind: 'tcpgraph' as const, graph: 'rtt' as const, stream: null, dir: null },
    ];
    for (const p of panels) {
      const text = formatViewState({ graph: panelToGraphState(p) });
      const back = parseViewState(text).state.graph;
      expect(back && graphStateToPanel(back)).toEqual(p);
    }
    expect(formatViewState({ graph: panelToGraphState(panels[3]) })).toBe('graph=tcptrace:3');
  });
  it('an unknown graph name gives no panel', () => {
    expect(graphStateToPanel({ name: 'flowgraph' })).toBeNull();
    expect(panelToGraphState(null)).toBeUndefined();
  });
});
