import type { CaptureInterface } from '../capture/types';

/**
 * State that lives for a whole capture: what the first pass learned (conversations, TCP
 * analysis, reassembly, request/response links) and the file's interfaces. Protocols keep
 * their own state objects here, created on first use by `stateFor`.
 */
export class CaptureState {
  private readonly states = new Map<string, unknown>();
  interfaces: CaptureInterface[] = [];
  /** Timestamp of frame 1 (for relative times). */
  firstSec = NaN;
  firstNsec = 0;
  /**
   * Timestamp of the previously displayed frame, for frame.time_delta_displayed. null = every
   * frame counts as displayed (no filter); a filtering caller sets `filtering` and updates
   * `prevDisplayed` as frames pass, like tshark's one pass (0 until something was displayed).
   */
  filtering = false;
  prevDisplayed: { sec: number; nsec: number } | null = null;
  /** TLS secrets from a key log or pcapng DSBs (used by decryption once it exists). */
  tlsKeyLog: string[] = [];

  /** The state object of protocol `key`, created by `create` the first time it is asked for. */
  stateFor<T>(key: string, create: () => T): T {
    let s = this.states.get(key) as T | undefined;
    if (s === undefined) {
      s = create();
      this.states.set(key, s);
    }
    return s;
  }
}
