/** The delete confirmation: a small alert dialog in place, focused on the safe answer. */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useHistoryController, useLab } from '../../store/store-context';

/** "Delete 3 runs? [Delete] [Keep]"; Escape keeps them. `onClosed` moves focus out before it goes. */
export function DeleteConfirmation({
  onClosed,
}: {
  readonly onClosed: (answer: 'kept' | 'deleted') => void;
}): ReactNode {
  const id = useId();
  const history = useHistoryController();
  const count = useLab((s) => s.historyView.selected.length);
  const kept = useLab((s) => s.runsDeleteKept);
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => keepRef.current?.focus(), []);
  const keep = () => {
    kept();
    onClosed('kept');
  };
  const remove = () => {
    onClosed('deleted');
    void history.deleteSelection();
  };
  return (
    <div
      className="delete-confirmation"
      role="alertdialog"
      aria-labelledby={`${id}-question`}
      aria-describedby={`${id}-detail`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') keep();
      }}
    >
      <p id={`${id}-question`} className="delete-question">
        Delete {count === 1 ? '1 run' : `${count} runs`}?
      </p>
      <p id={`${id}-detail`} className="hint">
        {count === 1 ? 'It is' : 'They are'} removed from the stored history; files already exported stay.
      </p>
      <div className="button-row">
        <button type="button" className="button delete-confirm-button" onClick={remove}>
          Delete
        </button>
        <button ref={keepRef} type="button" className="button" onClick={keep}>
          Keep
        </button>
      </div>
    </div>
  );
}
