import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { ViewState } from '../../core/share/view-state';
import { viewStateOf } from '../actions/url-state';
import { copyText } from '../lib/clipboard';
import { formatBytes } from '../lib/units';
import { useApp } from '../store/index';
import {
  cancelUpload,
  closeShareDialog,
  currentRecord,
  deleteShared,
  showViewLink,
  sizeProblem,
  startUpload,
} from './share-flow';
import { describeView, shareLink, viewOnlyLink } from './share-links';
import { retentionText, type ShareMode } from './share-server';
import { useShare } from './share-store';
import './share.css';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, input, a[href]')].filter(
    (el) => !el.hasAttribute('disabled'),
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function expiryText(iso: string | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? null
    : d.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}

/** The link in a read-only box with Copy. */
function LinkBox({ link }: { link: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="share-link-row">
      <input
        type="text"
        readOnly
        aria-label="Share link"
        className="share-link"
        value={link}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
      />
      <button
        type="button"
        onClick={() =>
          void copyText(link).then(
            () => setCopied(link),
            () => setCopied(null),
          )
        }
      >
        Copy
      </button>
      <span role="status" className="share-copied">
        {copied === link ? 'Link copied.' : ''}
      </span>
    </div>
  );
}

/** The view state a link would carry, re-rendering when any part of it changes. */
function useLinkedView(): ViewState {
  useApp((s) => s.appliedFilter);
  useApp((s) => s.selected);
  useApp((s) => s.follow);
  useApp((s) => s.timeFormat);
  useApp((s) => s.sourceUrl);
  useApp((s) => s.gen);
  return viewStateOf(useApp.getState());
}

function ViewSummary() {
  const parts = describeView(useLinkedView());
  if (parts.length === 0) return <p>The link opens the capture with the default view.</p>;
  return <p>The link also restores this view: {parts.join(', ')}.</p>;
}

function ConfirmStep({ mode }: { mode: Extract<ShareMode, { kind: 'hosted' }> }) {
  const name = useApp((s) => s.name);
  const sourceUrl = useApp((s) => s.sourceUrl);
  const size = useShare((s) => s.size);
  const problem = sizeProblem(mode, size);
  return (
    <>
      <p>
        Sharing uploads <strong>{name}</strong>
        {size !== null ? ` (${formatBytes(size)})` : ''} to {hostOf(mode.publicUrl)} and gives you a link to
        it.
      </p>
      <ul className="share-facts">
        <li>
          The capture is <strong>encrypted in your browser</strong> (AES-256-GCM, with a new random key)
          before it is sent.
        </li>
        <li>
          The key stays in the link, after the “#”. Browsers never send that part to servers, so the server
          stores only noise it cannot read. Anyone you give the whole link to can open the capture.
        </li>
        <li>
          The server deletes the encrypted file after {retentionText(mode.retentionDays)}. You can delete it
          sooner from this browser.
        </li>
      </ul>
      <ViewSummary />
      {problem && (
        <p role="alert" className="share-error">
          {problem}
        </p>
      )}
      <div className="dialog-buttons">
        <button
          type="button"
          className="primary"
          disabled={!!problem}
          autoFocus
          onClick={() => void startUpload()}
        >
          Encrypt and upload
        </button>
        <button type="button" onClick={closeShareDialog}>
          Cancel
        </button>
      </div>
      {sourceUrl && (
        <p className="share-aside">
          Or{' '}
          <button type="button" className="link-like" onClick={showViewLink}>
            share a link without uploading
          </button>{' '}
          that reopens the capture from its address, for people who can reach {hostOf(sourceUrl)}.
        </p>
      )}
    </>
  );
}

function ViewLinkStep({ mode }: { mode: ShareMode | null }) {
  const view = useLinkedView();
  const base = mode?.kind === 'hosted' ? `${mode.publicUrl}/` : window.location.href;
  const link = viewOnlyLink(base, view);
  if (!link) {
    return (
      <>
        <p>
          Sharing a capture file needs a hosted Wirelight instance, with a server that keeps shared captures
          (encrypted). This copy of Wirelight is served as static files only, and this capture was opened from
          your computer, so there is nothing a link could point to.
        </p>
        <p>
          Captures opened from a web address (<code>?url=https://…</code>) can be shared here as a link to
          that address with the current view. To host an instance with sharing, run <code>npm start</code>{' '}
          (see the README).
        </p>
        <div className="dialog-buttons">
          <button type="button" autoFocus onClick={closeShareDialog}>
            Close
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <p>
        This link reopens the capture from its address with the current view. Nothing is uploaded: whoever
        opens it needs access to {hostOf(view.url ?? '')}.
      </p>
      <ViewSummary />
      <LinkBox link={link} />
      <div className="dialog-buttons">
        <button type="button" onClick={closeShareDialog}>
          Done
        </button>
      </div>
    </>
  );
}

function SharedStep({ mode }: { mode: Extract<ShareMode, { kind: 'hosted' }> }) {
  const view = useLinkedView();
  const deleteError = useShare((s) => s.deleteError);
  const deleting = useShare((s) => s.ui.step === 'deleting');
  const [confirming, setConfirming] = useState(false);
  const rec = currentRecord();
  if (!rec) return null;
  const link = shareLink(mode.publicUrl, rec.id, rec.key, view);
  const expires = expiryText(rec.expiresAt);
  return (
    <>
      <p>
        Anyone with this link can open the capture. It holds the decryption key: send it only to people who
        may see the capture.
      </p>
      <LinkBox link={link} />
      <ViewSummary />
      {expires && <p>The server keeps the encrypted capture until {expires}.</p>}
      {!rec.deleteToken && (
        <p className="share-aside">
          This capture is already on the server; the link reuses that copy with your current view.
        </p>
      )}
      {deleteError && (
        <p role="alert" className="share-error">
          {deleteError}
        </p>
      )}
      <div className="dialog-buttons">
        {rec.deleteToken && !confirming && (
          <button type="button" disabled={deleting} onClick={() => setConfirming(true)}>
            Delete from server…
          </button>
        )}
        {rec.deleteToken && confirming && (
          <span className="share-confirm">
            The link will stop working for everyone.{' '}
            <button type="button" className="danger" disabled={deleting} onClick={() => void deleteShared()}>
              {deleting ? 'Deleting…' : 'Delete now'}
            </button>
            <button type="button" disabled={deleting} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        )}
        <button type="button" onClick={closeShareDialog}>
          Done
        </button>
      </div>
    </>
  );
}

function ProgressStep({ label, sent, total }: { label: string; sent?: number; total?: number }) {
  const known = sent !== undefined && total !== undefined && total > 0;
  return (
    <>
      <div className="share-progress">
        <progress aria-label={label} max={known ? total : undefined} value={known ? sent : undefined} />
        <span>
          {known
            ? `${label}: ${formatBytes(sent)} of ${formatBytes(total)} (${Math.floor((100 * sent) / total)}%)`
            : `${label} in your browser…`}
        </span>
      </div>
      <div className="dialog-buttons">
        <button type="button" autoFocus onClick={cancelUpload}>
          Cancel
        </button>
      </div>
    </>
  );
}

/** The Share dialog (see share-flow.ts for what each step does). */
export function ShareDialog() {
  const ui = useShare((s) => s.ui);
  const mode = useShare((s) => s.mode);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Steps focus their main control; where it is disabled or absent, the dialog takes focus so
    // keyboard users are never left on the page behind it.
    const el = ref.current;
    if (el && !el.contains(document.activeElement)) el.focus();
  }, [ui.step]);
  if (ui.step === 'closed') return null;

  let body: ReactNode;
  switch (ui.step) {
    case 'checking':
      body = <p>Checking whether this server keeps shared captures…</p>;
      break;
    case 'confirm':
      body = mode?.kind === 'hosted' ? <ConfirmStep mode={mode} /> : null;
      break;
    case 'view-link':
      body = <ViewLinkStep mode={mode} />;
      break;
    case 'encrypting':
      body = <ProgressStep label="Encrypting" />;
      break;
    case 'uploading':
      body = <ProgressStep label="Uploading" sent={ui.sent} total={ui.total} />;
      break;
    case 'shared':
    case 'deleting':
      body = mode?.kind === 'hosted' ? <SharedStep mode={mode} /> : null;
      break;
    case 'deleted':
      body = (
        <>
          <p role="status">The shared capture was deleted from the server. Its link no longer opens it.</p>
          <div className="dialog-buttons">
            <button type="button" autoFocus onClick={closeShareDialog}>
              Close
            </button>
          </div>
        </>
      );
      break;
    case 'error':
      body = (
        <>
          <p role="alert" className="share-error">
            {ui.message}
          </p>
          <div className="dialog-buttons">
            {mode?.kind === 'hosted' && (
              <button type="button" onClick={cancelUpload}>
                Back
              </button>
            )}
            <button type="button" autoFocus onClick={closeShareDialog}>
              Close
            </button>
          </div>
        </>
      );
      break;
  }

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      closeShareDialog();
    } else if (e.key === 'Tab' && ref.current) {
      // Keep focus inside the dialog, as the other modal dialogs do.
      const list = focusables(ref.current);
      if (list.length === 0) return;
      const i = list.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (i <= 0 ? list.length - 1 : i - 1) : i === list.length - 1 ? 0 : i + 1;
      list[next].focus();
      e.preventDefault();
    }
  };

  return createPortal(
    <div className="share-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby="share-dialog-title"
        className="share-dialog"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id="share-dialog-title" className="dialog-title">
          Share capture
        </h2>
        {body}
      </div>
    </div>,
    document.body,
  );
}
