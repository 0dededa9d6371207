/** The keyboard shortcuts overlay: a modal dialog listing every shortcut; focus moves in, and back on close. */
import { useEffect, useRef, type ReactNode } from 'react';
import { selectHelpOpen } from '../../store/presenter-slice';
import { useLab } from '../../store/store-context';
import { SHORTCUTS } from './shortcuts';

/** A `<dialog aria-label="Keyboard shortcuts">`, shown modally while the store says it is open. */
export function HelpOverlay(): ReactNode {
  const open = useLab(selectHelpOpen);
  const helpClosed = useLab((s) => s.helpClosed);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      closeRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  const closed = () => {
    helpClosed();
    returnTo.current?.focus();
    returnTo.current = null;
  };
  return (
    <dialog ref={dialogRef} className="help-overlay" aria-label="Keyboard shortcuts" onClose={closed}>
      <div className="help-header">
        <h2>Keyboard shortcuts</h2>
        <button ref={closeRef} type="button" className="button button-small" onClick={helpClosed}>
          Close
        </button>
      </div>
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.command}>
            <dt>
              <kbd>{shortcut.label}</kbd>
            </dt>
            <dd>{shortcut.description}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">Shortcuts are ignored while you type in a field, and with Ctrl, Cmd or Alt held.</p>
    </dialog>
  );
}
