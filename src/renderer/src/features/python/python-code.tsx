/**
 * "Python code": the Python a CPython model runs for the scenario, as the harness shipped with the
 * app has it — fetched from the engine when asked for, shown read-only in a dialog, file by file,
 * opened at the model's own class. Nothing typed here ever reaches the engine.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { ModelId } from '../../../../shared/models';
import type { PythonSource } from '../../../../shared/python-run';
import type { ScenarioId } from '../../../../shared/scenarios';
import { useController } from '../../store/store-context';
import './python.css';

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'loaded'; readonly source: PythonSource };

/** One file's text with line numbers; the focus line is marked and scrolled to. */
function SourceText({ text, focus }: { readonly text: string; readonly focus: string | null }): ReactNode {
  const focusRef = useRef<HTMLSpanElement>(null);
  const lines = text.split('\n');
  const focusAt = focus === null ? -1 : lines.findIndex((line) => line.startsWith(focus));
  useEffect(() => focusRef.current?.scrollIntoView({ block: 'start' }), [text, focusAt]);
  return (
    <pre className="python-source" tabIndex={0}>
      <code>
        {lines.map((line, index) => (
          <span
            key={index}
            ref={index === focusAt ? focusRef : undefined}
            className={index === focusAt ? 'source-line source-focus' : 'source-line'}
          >
            <span className="source-number" aria-hidden="true">
              {index + 1}
            </span>
            {line}
            {'\n'}
          </span>
        ))}
      </code>
    </pre>
  );
}

/** The dialog's body once open: fetches the source, then a tab per file. */
function SourceView({
  model,
  scenario,
}: {
  readonly model: ModelId;
  readonly scenario: ScenarioId;
}): ReactNode {
  const controller = useController();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [file, setFile] = useState(0);
  const tabsId = useId();
  useEffect(() => {
    let current = true;
    void controller.pythonSource(model, scenario).then((reply) => {
      if (!current) return;
      setLoaded(
        reply.ok
          ? { status: 'loaded', source: reply.value }
          : { status: 'failed', message: reply.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [controller, model, scenario]);
  if (loaded.status === 'loading')
    return (
      <p className="muted" role="status">
        Reading the harness…
      </p>
    );
  if (loaded.status === 'failed')
    return (
      <p className="alert" role="alert">
        Could not read the Python source: {loaded.message}
      </p>
    );
  const files = loaded.source.files;
  const shown = files[Math.min(file, files.length - 1)]!;
  return (
    <>
      <div className="source-tabs" role="tablist" aria-label="Files">
        {files.map((f, index) => (
          <button
            key={f.path}
            type="button"
            role="tab"
            id={`${tabsId}-${index}`}
            aria-selected={index === file}
            className={`button button-small${index === file ? ' button-primary' : ''}`}
            onClick={() => setFile(index)}
          >
            {f.path.split('/').at(-1)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-labelledby={`${tabsId}-${file}`}>
        <SourceText key={shown.path} text={shown.text} focus={shown.focus} />
      </div>
    </>
  );
}

/** A "Python code" button that opens the source of what the model runs for the scenario. */
export function PythonCodeButton({
  model,
  scenario,
}: {
  readonly model: ModelId;
  readonly scenario: ScenarioId;
}): ReactNode {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
  }, [open]);
  const close = (): void => {
    dialogRef.current?.close();
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button button-small python-code-button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        Python code
      </button>
      {open &&
        // The dialog lives at the end of the page: the button sits in headings and table rows.
        createPortal(
          <dialog
            ref={dialogRef}
            className="python-code-dialog"
            aria-label={`Python code of ${model}`}
            onClose={() => {
              setOpen(false);
              buttonRef.current?.focus();
            }}
          >
            <div className="python-code-header">
              <h2>
                Python code · {model} <span className="muted">on {scenario}</span>
              </h2>
              <button type="button" className="button button-small" onClick={close}>
                Close
              </button>
            </div>
            <p className="hint">
              What the harness runs, exactly as shipped with the app (read-only). Opened at {model}’s own
              code; the other files are the work every task does and how the GIL’s costs are measured.
            </p>
            <SourceView model={model} scenario={scenario} />
          </dialog>,
          document.body,
        )}
    </>
  );
}
