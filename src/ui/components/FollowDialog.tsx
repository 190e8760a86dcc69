import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { FollowDirection } from '../../core/share/view-state';
import type { FollowData } from '../../worker/types';
import {
  backFromFollow,
  closeFollow,
  filterOutStream,
  openFollow,
  setFollowDirection,
} from '../actions/follow';
import { FOLLOW_MODES, FollowFormatter, type FollowMode, type FollowSegment } from '../lib/follow-format';
import { useApp } from '../store/index';
import { worker } from '../worker-client';
import { ShareButton } from '../share/ShareButton';

/** Rendering megabytes of text into the DOM stalls the page; longer streams are cut here. */
const MAX_CHARS = 4_000_000;
/**
 * Characters formatted and laid out at a time: the first page when the dialog opens, the next
 * ones as the reader scrolls near the end. The whole 1.2 MB stream of the 200k-frame benchmark
 * capture in one go made main-thread tasks of 170-370 ms (mostly text layout).
 */
const PAGE_CHARS = 50_000;

/** The pages formatted so far by one formatter (stream, mode and direction); grows on scroll. */
interface Pages {
  readonly formatter: FollowFormatter;
  readonly pages: FollowSegment[][];
  chars: number;
}

function firstPage(formatter: FollowFormatter): Pages {
  const page = formatter.page(PAGE_CHARS);
  return { formatter, pages: [page], chars: page.reduce((n, s) => n + s.text.length, 0) };
}

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, select, input, [tabindex="0"]')].filter(
    (el) => !el.hasAttribute('disabled'),
  );
}

/** "N client pkts, M server pkts, K turns." as Wireshark sums a followed stream. */
function followStats(data: FollowData): string {
  const frames: [Set<number>, Set<number>] = [new Set(), new Set()];
  let turns = 0;
  let last = -1;
  for (const c of data.chunks) {
    if (c.missing !== undefined) continue;
    frames[c.dir].add(c.frame);
    if (last >= 0 && c.dir !== last) turns++;
    last = c.dir;
  }
  const total = data.clientBytes + data.serverBytes;
  return `${total} bytes, ${frames[0].size} client pkts, ${frames[1].size} server pkts, ${turns} turns.`;
}

/** Follow TCP/UDP Stream: the stream's data, client in red and server in blue. */
export function FollowDialog() {
  const follow = useApp((s) => s.follow);
  const gen = useApp((s) => s.gen);
  const [data, setData] = useState<FollowData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<FollowMode>('ascii');
  const dialogRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const proto = follow?.proto;
  const stream = follow?.stream;
  useEffect(() => {
    if (proto === undefined || stream === undefined) return;
    let stale = false;
    setData(null);
    setError(null);
    void worker()
      .follow(gen, proto, stream)
      .then((r) => {
        if (stale) return;
        if (r.ok) setData(r.data);
        else setError(r.message);
      });
    return () => {
      stale = true;
    };
  }, [gen, proto, stream]);

  const open = follow !== null;
  useEffect(() => {
    if (!open) return;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    contentRef.current?.focus();
    return () => returnFocus.current?.focus();
  }, [open]);

  // The first page is formatted while rendering (a fresh formatter each time, so rendering stays
  // pure); scrolling appends later pages to the same object and re-renders.
  const current = useMemo(
    () =>
      data && follow
        ? firstPage(
            new FollowFormatter(data.chunks, mode, follow.direction, {
              client: data.client,
              server: data.server,
            }),
          )
        : null,
    [data, mode, follow],
  );
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // Another stream, mode or direction starts at the top (and with one page).
  useLayoutEffect(() => {
    if (contentRef.current) contentRef.current.scrollTop = 0;
  }, [current]);
  const cut = current !== null && !current.formatter.done && current.chars >= MAX_CHARS;

  /** Adds the next page when the reader is within a screen of the end (or nothing overflows). */
  const onContentScroll = (): void => {
    const el = contentRef.current;
    if (!el || !current || current.formatter.done || current.chars >= MAX_CHARS) return;
    if (el.scrollTop + 2 * el.clientHeight < el.scrollHeight) return;
    const page = current.formatter.page(PAGE_CHARS);
    current.pages.push(page);
    current.chars += page.reduce((n, s) => n + s.text.length, 0);
    rerender();
  };
  // A page of a few long lines (Raw) may not fill the box, and then no scroll event comes: keep
  // adding pages after each render until they do (one page per render, each its own task).
  useEffect(onContentScroll);

  if (!follow) return null;
  const title = `Follow ${follow.proto.toUpperCase()} Stream`;

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      closeFollow();
    } else if (e.key === 'Tab' && dialogRef.current) {
      const list = focusables(dialogRef.current);
      if (list.length === 0) return;
      const i = list.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (i <= 0 ? list.length - 1 : i - 1) : i === list.length - 1 ? 0 : i + 1;
      list[next].focus();
      e.preventDefault();
    }
  };

  const go = (n: number): void => {
    if (n >= 0 && (!data || n <= data.maxStream)) void openFollow(follow.proto, n);
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className="follow-dialog"
        onKeyDown={onKeyDown}
      >
        <div className="dialog-title">
          {title} ({follow.proto}.stream eq {follow.stream})
        </div>
        <div
          ref={contentRef}
          role="textbox"
          aria-readonly="true"
          aria-multiline="true"
          aria-label="Stream content"
          tabIndex={0}
          className={'follow-content mode-' + mode}
          onScroll={onContentScroll}
        >
          {current?.pages.map((page, p) => (
            // A block per page: a new page is laid out alone, not with the text above it.
            <div key={p} className="follow-page">
              {page.map((s, i) => (
                <span key={i} className={s.dir === 0 ? 'c2s' : 's2c'}>
                  {s.text}
                </span>
              ))}
            </div>
          ))}
        </div>
        <div className="follow-summary">
          {error && <span className="follow-error">{error}</span>}
          {!error && !data && <span>Reading the stream…</span>}
          {data && (
            <span>
              <span className="c2s-key">{data.client}</span> → <span className="s2c-key">{data.server}</span>:{' '}
              {followStats(data)}
              {cut ? ' (display truncated)' : ''}
            </span>
          )}
        </div>
        <div className="follow-controls">
          <label>
            Show
            <select
              aria-label="Direction"
              value={follow.direction}
              onChange={(e) => setFollowDirection(e.target.value as FollowDirection)}
            >
              <option value="both">
                Entire conversation ({data ? data.clientBytes + data.serverBytes : 0} bytes)
              </option>
              <option value="c2s">
                {data?.client ?? 'client'} → {data?.server ?? 'server'} ({data?.clientBytes ?? 0} bytes)
              </option>
              <option value="s2c">
                {data?.server ?? 'server'} → {data?.client ?? 'client'} ({data?.serverBytes ?? 0} bytes)
              </option>
            </select>
          </label>
          <label>
            Show data as
            <select
              aria-label="Show data as"
              value={mode}
              onChange={(e) => setMode(e.target.value as FollowMode)}
            >
              {FOLLOW_MODES.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <span className="follow-stream-nav">
            <button
              type="button"
              aria-label="Previous stream"
              disabled={follow.stream <= 0}
              onClick={() => go(follow.stream - 1)}
            >
              ◀
            </button>
            <label>
              Stream
              <input
                type="number"
                aria-label="Stream"
                min={0}
                max={data?.maxStream}
                value={follow.stream}
                onChange={(e) => go(Number(e.target.value))}
              />
            </label>
            <button
              type="button"
              aria-label="Next stream"
              disabled={!!data && follow.stream >= data.maxStream}
              onClick={() => go(follow.stream + 1)}
            >
              ▶
            </button>
          </span>
        </div>
        <div className="dialog-buttons">
          <ShareButton className="" />
          <button type="button" onClick={() => void filterOutStream()}>
            Filter out this stream
          </button>
          <button type="button" onClick={() => void backFromFollow()}>
            Back
          </button>
          <button type="button" onClick={closeFollow}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
