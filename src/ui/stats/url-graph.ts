import type { GraphState } from '../../core/share/view-state';
import { usePopups } from '../store/popups';
import { graphStateToPanel, panelToGraphState } from './panels';
import { openPanel, useStats } from './stats-store';

/** The `graph` part of the link for the open statistics panel. */
export function graphViewState(): GraphState | undefined {
  return panelToGraphState(useStats.getState().panel);
}

/** Calls `onChange` whenever the open panel (or its stream) changes. */
export function subscribeGraph(onChange: () => void): () => void {
  return useStats.subscribe((s, prev) => {
    if (s.panel !== prev.panel) onChange();
  });
}

/** Opens the panel a link names (once its capture has loaded). */
export function openGraphFromLink(g: GraphState): void {
  const p = graphStateToPanel(g);
  if (p) openPanel(p);
  else
    usePopups.setState((s) => ({
      notices: [...s.notices, `Ignored the unknown graph "${g.name}" in the link.`],
    }));
}
