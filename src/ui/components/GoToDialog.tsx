import { useEffect, useRef, useState, type FormEvent } from 'react';
import { selectFrame } from '../actions/select';
import { rowOf, useApp } from '../store/index';
import { usePopups } from '../store/popups';

/** Ctrl+G: jump to a packet by number. */
export function GoToDialog() {
  const open = usePopups((s) => s.goToOpen);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) {
      setError(null);
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  }, [open]);
  if (!open) return null;

  const close = (): void => {
    usePopups.setState({ goToOpen: false });
    document.querySelector<HTMLElement>('[role="grid"][aria-label="Packet list"]')?.focus();
  };

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const s = useApp.getState();
    const n = Number(value.trim());
    if (!Number.isInteger(n) || n < 1 || n > s.packets) {
      setError(`There is no packet ${value.trim() || '(empty)'}: packets are numbered 1 to ${s.packets}.`);
      return;
    }
    if (rowOf(s, n) < 0) {
      setError(`Packet ${n} is not displayed (hidden by the filter).`);
      return;
    }
    void selectFrame(n);
    close();
  };

  return (
    <form
      role="dialog"
      aria-label="Go to packet"
      className="goto-dialog"
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <label>
        Go to packet
        <input
          ref={inputRef}
          type="text"
          inputMode="numeric"
          aria-label="Packet number"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit">Go</button>
      <button type="button" onClick={close}>
        Cancel
      </button>
      {error && <div className="goto-error">{error}</div>}
    </form>
  );
}
