import { useEffect } from 'react';
import { focusFilter, followSelected, openGoTo } from '../actions/commands';
import { openCapture } from '../actions/load';
import { openFilePicker } from '../lib/file-picker';
import { usePopups } from '../store/popups';

/** Page-wide shortcuts (Wireshark's): Ctrl+O, Ctrl+G, Ctrl+/, Ctrl+Alt+Shift+T/U; drag and drop. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const ctrl = e.ctrlKey || e.metaKey;
      if (!ctrl) return;
      const k = e.key.toLowerCase();
      if (e.altKey && e.shiftKey && (e.code === 'KeyT' || k === 't')) {
        e.preventDefault();
        void followSelected('tcp');
      } else if (e.altKey && e.shiftKey && (e.code === 'KeyU' || k === 'u')) {
        e.preventDefault();
        void followSelected('udp');
      } else if (!e.altKey && !e.shiftKey && k === 'o') {
        e.preventDefault();
        openFilePicker();
      } else if (!e.altKey && !e.shiftKey && k === 'g') {
        e.preventDefault();
        openGoTo();
      } else if (!e.altKey && k === '/') {
        e.preventDefault();
        focusFilter();
      }
    };
    let depth = 0;
    const hasFiles = (e: DragEvent): boolean =>
      !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const onEnter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth++;
      usePopups.setState({ dragging: true });
    };
    const onLeave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) usePopups.setState({ dragging: false });
    };
    const onOver = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      usePopups.setState({ dragging: false });
      const file = e.dataTransfer?.files[0];
      if (file) void openCapture({ kind: 'file', file });
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
}
