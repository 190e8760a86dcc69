/**
 * Parts of a link's view state that need a loaded capture (selected frame, open Follow dialog):
 * kept here until the first capture after page load has been read.
 */
type PendingApply = (gen: number) => Promise<void>;

let pending: PendingApply | null = null;

export function setPendingView(apply: PendingApply | null): void {
  pending = apply;
}

export function takePendingView(): PendingApply | null {
  const p = pending;
  pending = null;
  return p;
}
