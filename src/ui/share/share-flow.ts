/**
 * The Share dialog's actions: find out whether a share server exists, encrypt the capture in the
 * worker, upload it with progress, delete it again. The dialog renders useShare; these functions
 * are the only writers.
 */
import { encryptedSize } from '../../core/share/capture-crypto';
import type { SealOutcome } from '../../worker/share';
import { useApp } from '../store/index';
import { worker } from '../worker-client';
import { forgetShare, rememberShare } from './delete-tokens';
import { apiUrl } from './share-links';
import {
  deleteShare,
  fetchShareMode,
  tooLargeMessage,
  uploadCiphertext,
  type ShareMode,
  type UploadHandle,
} from './share-server';
import { useShare, type ShareRecord } from './share-store';

let modeRequest: Promise<ShareMode> | null = null;
let upload: UploadHandle | null = null;
/** Bumped by every start, cancel and close: late answers of an older run are dropped. */
let run = 0;
let returnFocus: HTMLElement | null = null;

/** The deployment's share mode, asked once per page (again after a failed check). */
function shareMode(): Promise<ShareMode> {
  if (!modeRequest) {
    modeRequest = fetchShareMode(apiUrl(window.location.href, 'api/config'), window.location.origin).then(
      (m) => {
        if (m.kind === 'unknown') modeRequest = null;
        return m;
      },
    );
  }
  return modeRequest;
}

/** The share of the capture on screen, if it is on the server already. */
export function currentRecord(): ShareRecord | null {
  const r = useShare.getState().record;
  return r && r.gen === useApp.getState().gen ? r : null;
}

/** Remembers that the capture of load `gen` is the share `id` (opened from its link). */
export function setShareRecord(record: ShareRecord): void {
  useShare.setState({ record });
}

export async function openShareDialog(opener: HTMLElement | null): Promise<void> {
  const { gen, loading } = useApp.getState();
  if (gen === 0 || loading) return;
  returnFocus = opener;
  const mine = ++run;
  useShare.setState({ ui: { step: 'checking' }, deleteError: null, size: null });
  let size: number | null = null;
  const [mode] = await Promise.all([
    shareMode(),
    worker()
      .shareSize(gen)
      .then((n) => (size = n))
      .catch(() => undefined),
  ]);
  if (mine !== run) return;
  useShare.setState({ mode, size });
  if (mode.kind === 'unknown') useShare.setState({ ui: { step: 'error', message: mode.message } });
  else if (mode.kind === 'static') useShare.setState({ ui: { step: 'view-link' } });
  else if (currentRecord()) useShare.setState({ ui: { step: 'shared' } });
  else useShare.setState({ ui: { step: 'confirm' } });
}

export function closeShareDialog(): void {
  run++;
  upload?.abort();
  upload = null;
  useShare.setState({ ui: { step: 'closed' }, deleteError: null });
  const el = returnFocus;
  returnFocus = null;
  if (el?.isConnected) el.focus();
}

/** Shows the link without upload (a capture opened from a web address). */
export function showViewLink(): void {
  useShare.setState({ ui: { step: 'view-link' } });
}

/** Stops encrypting or uploading and goes back to the explanation. */
export function cancelUpload(): void {
  run++;
  upload?.abort();
  upload = null;
  useShare.setState({ ui: { step: 'confirm' } });
}

/** Why an upload of `size` plaintext bytes cannot work here, or null. */
export function sizeProblem(mode: ShareMode | null, size: number | null): string | null {
  if (mode?.kind !== 'hosted' || size === null) return null;
  const sealed = encryptedSize(size);
  return sealed > mode.maxUploadBytes ? tooLargeMessage(sealed, mode.maxUploadBytes) : null;
}

function fail(message: string): void {
  useShare.setState({ ui: { step: 'error', message } });
}

/** Encrypts the capture in the worker and uploads the ciphertext; ends on the link or an error. */
export async function startUpload(): Promise<void> {
  const { mode, size } = useShare.getState();
  if (mode?.kind !== 'hosted') return;
  const gen = useApp.getState().gen;
  const mine = ++run;
  const early = sizeProblem(mode, size);
  if (early) return fail(early);
  useShare.setState({ ui: { step: 'encrypting' } });
  let sealed: SealOutcome;
  try {
    sealed = await worker().sealForShare(gen);
  } catch (e) {
    // WebCrypto is missing outside secure contexts (plain http on a non-local host).
    sealed = {
      ok: false,
      message: `Encrypting the capture failed: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  if (mine !== run) return;
  if (!sealed.ok) return fail(sealed.message);
  if (sealed.ciphertext.size > mode.maxUploadBytes) {
    return fail(tooLargeMessage(sealed.ciphertext.size, mode.maxUploadBytes));
  }
  const total = sealed.ciphertext.size;
  useShare.setState({ ui: { step: 'uploading', sent: 0, total } });
  let finished = false;
  const handle = uploadCiphertext(
    apiUrl(window.location.href, 'api/captures'),
    sealed.ciphertext,
    mode.maxUploadBytes,
    (sent, of) => {
      if (mine === run && !finished) useShare.setState({ ui: { step: 'uploading', sent, total: of } });
    },
  );
  upload = handle;
  const r = await handle.done;
  finished = true;
  if (upload === handle) upload = null;
  if (mine !== run) return;
  if (!r.ok) {
    if (r.error === null) useShare.setState({ ui: { step: 'confirm' } });
    else fail(r.error);
    return;
  }
  rememberShare(r.value);
  useShare.setState({
    record: {
      gen,
      id: r.value.id,
      key: sealed.key,
      deleteToken: r.value.deleteToken,
      expiresAt: r.value.expiresAt,
    },
    ui: { step: 'shared' },
  });
}

/** Deletes the uploaded capture with the token this browser kept. */
export async function deleteShared(): Promise<void> {
  const rec = currentRecord();
  if (!rec?.deleteToken) return;
  const mine = ++run;
  useShare.setState({ ui: { step: 'deleting' }, deleteError: null });
  const r = await deleteShare(
    apiUrl(window.location.href, `api/captures/${encodeURIComponent(rec.id)}`),
    rec.deleteToken,
  );
  if (mine !== run) return;
  if (!r.ok) {
    useShare.setState({ ui: { step: 'shared' }, deleteError: r.error });
    return;
  }
  forgetShare(rec.id);
  useShare.setState({ record: null, ui: { step: 'deleted' } });
}
