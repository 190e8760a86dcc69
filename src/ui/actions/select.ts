import { useApp } from '../store/index';
import { worker } from '../worker-client';

let detailsSeq = 0;

/** Selects a frame and fetches its details tree (the latest selection wins). */
export async function selectFrame(num: number | null): Promise<void> {
  const { gen, selected } = useApp.getState();
  if (num === selected && useApp.getState().details?.num === num) return;
  useApp.setState({ selected: num, selectedNode: null, ...(num === null ? { details: null } : {}) });
  if (num === null) return;
  const seq = ++detailsSeq;
  const details = await worker().details(gen, num);
  if (seq !== detailsSeq || useApp.getState().gen !== gen) return;
  useApp.setState({ details });
}

export function selectNode(id: number | null): void {
  useApp.setState({ selectedNode: id });
}

/** Expands or collapses a details item; the choice sticks for that kind of item. */
export function setExpanded(key: string, open: boolean): void {
  const next = new Set(useApp.getState().expanded);
  if (open) next.add(key);
  else next.delete(key);
  useApp.setState({ expanded: next });
}

export function setManyExpanded(keys: string[], open: boolean): void {
  const next = new Set(useApp.getState().expanded);
  for (const k of keys) {
    if (open) next.add(k);
    else next.delete(k);
  }
  useApp.setState({ expanded: next });
}
