import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Completion } from '../../worker/types';
import { applyFilter, checkFilterText, setAndApply, splitBpf } from '../actions/filter';
import { useApp } from '../store/index';
import { worker } from '../worker-client';
import { Menu } from './Menu';

const CHECK_DELAY_MS = 120;

/** The message of an invalid filter with the offending part of the text marked. */
function FilterError({
  text,
  message,
  from,
  to,
  noLocation,
}: {
  text: string;
  message: string;
  from: number;
  to: number;
  noLocation?: boolean;
}) {
  const a = Math.max(0, Math.min(from, text.length));
  const b = Math.max(a, Math.min(to, text.length));
  return (
    <div role="alert" id="filter-error" className="filter-error">
      <span className="filter-error-msg">{message}</span>{' '}
      {!noLocation && (
        <span className="filter-error-pos">
          (at character {a + 1}
          {b > a + 1 ? `–${b}` : ''})
        </span>
      )}
      {text && (
        <code className="filter-error-text" aria-hidden="true">
          {text.slice(0, a)}
          <mark>{text.slice(a, b) || ' '}</mark>
          {text.slice(b)}
        </code>
      )}
    </div>
  );
}

/**
 * The display filter bar: checks the text as it is typed (green/red, message in an alert),
 * suggests field names, applies on Enter, remembers recent filters, and takes capture-filter
 * (BPF) syntax when toggled or prefixed with "bpf:".
 */
export function FilterBar() {
  const text = useApp((s) => s.filterText);
  const status = useApp((s) => s.filterStatus);
  const bpfMode = useApp((s) => s.bpfMode);
  const history = useApp((s) => s.history);
  const applied = useApp((s) => s.appliedFilter);
  const inputRef = useRef<HTMLInputElement>(null);
  const [completion, setCompletion] = useState<Completion | null>(null);
  const [active, setActive] = useState(-1);
  const [historyMenu, setHistoryMenu] = useState<{ x: number; y: number } | null>(null);
  const checkTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const completeSeq = useRef(0);

  const scheduleCheck = (value: string): void => {
    if (checkTimer.current) clearTimeout(checkTimer.current);
    checkTimer.current = setTimeout(() => void checkFilterText(value), CHECK_DELAY_MS);
  };

  useEffect(() => {
    scheduleCheck(text);
    // Re-check when switching between display-filter and BPF syntax (not on every keystroke:
    // onChange schedules those).
  }, [bpfMode]);

  const requestCompletion = async (value: string, cursor: number): Promise<void> => {
    const seq = ++completeSeq.current;
    if (splitBpf(value, useApp.getState().bpfMode).bpf) {
      setCompletion(null);
      return;
    }
    if (value.trim() === '') {
      setCompletion(null);
      return;
    }
    const c = await worker().complete(value, cursor);
    if (seq !== completeSeq.current) return;
    setCompletion(c.items.length > 0 ? c : null);
    setActive(-1);
  };

  const onChange = (value: string, cursor: number): void => {
    useApp.setState({ filterText: value });
    scheduleCheck(value);
    void requestCompletion(value, cursor);
  };

  const accept = (index: number): void => {
    if (!completion) return;
    const item = completion.items[index];
    if (!item) return;
    const next = text.slice(0, completion.from) + item.text + text.slice(completion.to);
    const cursor = completion.from + item.text.length;
    useApp.setState({ filterText: next });
    scheduleCheck(next);
    setCompletion(null);
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(cursor, cursor));
    // After an operator, keyword or function, what may follow is offered straight away.
    if (/[\s(]$/.test(item.text)) void requestCompletion(next, cursor);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (completion) {
      const n = completion.items.length;
      if (e.key === 'ArrowDown') {
        setActive((a) => (a + 1) % n);
      } else if (e.key === 'ArrowUp') {
        setActive((a) => (a <= 0 ? n - 1 : a - 1));
      } else if ((e.key === 'Tab' || e.key === 'Enter') && active >= 0) {
        accept(active);
      } else if (e.key === 'Escape') {
        setCompletion(null);
      } else {
        return;
      }
      e.preventDefault();
    }
  };

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    setCompletion(null);
    if (checkTimer.current) clearTimeout(checkTimer.current);
    void checkFilterText(text);
    void applyFilter(text);
  };

  const { bpf } = splitBpf(text, bpfMode);
  const stateClass = status.state === 'invalid' ? ' invalid' : status.state === 'valid' ? ' valid' : '';
  const dirty = text.trim() !== applied;

  return (
    <form className="filter-bar" onSubmit={onSubmit} role="search" aria-label="Filter">
      <button
        type="button"
        className={'filter-mode' + (bpfMode ? ' on' : '')}
        aria-pressed={bpfMode}
        title="Use capture-filter (BPF) syntax, like tcpdump"
        onClick={() => useApp.setState({ bpfMode: !bpfMode })}
      >
        BPF
      </button>
      <div className="filter-input-wrap">
        <input
          ref={inputRef}
          type="text"
          aria-label="Display filter"
          aria-invalid={status.state === 'invalid' ? 'true' : 'false'}
          aria-describedby={status.state === 'invalid' ? 'filter-error' : undefined}
          aria-autocomplete="list"
          aria-controls={completion ? 'filter-suggestions' : undefined}
          aria-activedescendant={completion && active >= 0 ? `filter-suggestion-${active}` : undefined}
          className={'filter-input' + stateClass + (bpf ? ' bpf' : '')}
          placeholder={
            bpfMode ? 'Capture filter (BPF), e.g. tcp port 80 …' : 'Apply a display filter … <Ctrl-/>'
          }
          spellCheck={false}
          autoComplete="off"
          value={text}
          onChange={(e) => onChange(e.target.value, e.target.selectionStart ?? e.target.value.length)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setCompletion(null), 150)}
        />
        {completion && (
          <ul
            role="listbox"
            id="filter-suggestions"
            aria-label="Filter suggestions"
            className="filter-suggestions"
          >
            {completion.items.map((item, i) => (
              <li
                key={`${item.kind}:${item.label}`}
                id={`filter-suggestion-${i}`}
                role="option"
                aria-selected={i === active}
                className={'filter-suggestion' + (i === active ? ' active' : '')}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(i);
                }}
              >
                <span className="sugg-text">{item.label}</span>
                {item.detail && <span className="sugg-detail">{item.detail}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="submit" className={'filter-apply' + (dirty ? ' dirty' : '')} title="Apply this filter">
        Apply
      </button>
      <button
        type="button"
        className="filter-clear"
        aria-label="Clear filter"
        title="Clear the filter"
        onClick={() => void setAndApply('')}
      >
        ✕
      </button>
      <button
        type="button"
        className="filter-history"
        aria-label="Recent filters"
        aria-haspopup="menu"
        aria-expanded={historyMenu !== null}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setHistoryMenu(historyMenu ? null : { x: r.right - 320, y: r.bottom });
        }}
      >
        ▾
      </button>
      {historyMenu && (
        <Menu
          label="Recent filters"
          x={historyMenu.x}
          y={historyMenu.y}
          entries={
            history.length > 0
              ? history.map((h) => ({ label: h, onSelect: () => void setAndApply(h) }))
              : [{ label: 'No recent filters', disabled: true }]
          }
          onClose={() => setHistoryMenu(null)}
        />
      )}
      {status.state === 'invalid' && (
        <FilterError
          text={text}
          message={status.message ?? 'Invalid filter'}
          from={status.from ?? 0}
          to={status.to ?? text.length}
          noLocation={status.noLocation}
        />
      )}
    </form>
  );
}
