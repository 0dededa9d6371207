/** A titled section of the page; its heading names it for assistive technology. A chart's panel can be enlarged to fill the window. */
import { useEffect, useId, useRef, useState, type ReactNode, type Ref } from 'react';

/** Props of a panel. */
export interface PanelProps {
  readonly title: string;
  /** Short text beside the title (a status, a count). */
  readonly aside?: ReactNode;
  readonly className?: string;
  /** Offers an "Enlarge" button that makes the panel fill the window until Esc or "Restore". */
  readonly enlargeable?: boolean;
  /** The panel's element, for a view that scrolls it into sight. */
  readonly sectionRef?: Ref<HTMLElement>;
  readonly children: ReactNode;
}

/** The root's class while a panel is enlarged: the page behind it stops scrolling. */
export const ENLARGED_ROOT_CLASS = 'panel-enlarged-open';

/** Esc restores an enlarged panel, before the page's own Esc (cancel) hears it. */
function useRestoreOnEscape(enlarged: boolean, restore: () => void): void {
  useEffect(() => {
    if (!enlarged) return;
    // On the document, so a focused widget inside (the timeline clearing its selection) may take Esc first,
    // and before the window, where the app's shortcuts listen and skip events already handled.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      restore();
    };
    document.addEventListener('keydown', onKeyDown);
    document.documentElement.classList.add(ENLARGED_ROOT_CLASS);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.documentElement.classList.remove(ENLARGED_ROOT_CLASS);
    };
  }, [enlarged, restore]);
}

function EnlargeButton({
  enlarged,
  onToggle,
  title,
}: {
  readonly enlarged: boolean;
  readonly onToggle: () => void;
  readonly title: string;
}): ReactNode {
  return (
    <button
      type="button"
      className="button button-small panel-enlarge"
      aria-pressed={enlarged}
      aria-label={enlarged ? `Restore ${title} (Esc)` : `Enlarge ${title}`}
      title={enlarged ? 'Restore (Esc)' : 'Enlarge to fill the window'}
      onClick={onToggle}
    >
      {enlarged ? 'Restore' : 'Enlarge'}
    </button>
  );
}

/** A card with an h2 heading. */
export function Panel({
  title,
  aside,
  className,
  enlargeable = false,
  sectionRef,
  children,
}: PanelProps): ReactNode {
  const id = useId();
  const [enlarged, setEnlarged] = useState(false);
  const buttonRef = useRef<HTMLSpanElement>(null);
  const restoreRef = useRef(() => {
    setEnlarged(false);
    // The toggle stays the focus, whichever way the panel was restored.
    buttonRef.current?.querySelector('button')?.focus();
  });
  useRestoreOnEscape(enlarged, restoreRef.current);
  const classes = ['panel', className, enlarged ? 'panel-enlarged' : ''].filter(Boolean).join(' ');
  return (
    <section ref={sectionRef} className={classes} aria-labelledby={id}>
      <header className="panel-header">
        <h2 id={id}>{title}</h2>
        {(aside !== undefined || enlargeable) && (
          <div className="panel-aside">
            {aside}
            {enlargeable && (
              <span ref={buttonRef}>
                <EnlargeButton
                  enlarged={enlarged}
                  title={title}
                  onToggle={() => (enlarged ? restoreRef.current() : setEnlarged(true))}
                />
              </span>
            )}
          </div>
        )}
      </header>
      {children}
    </section>
  );
}

/** A quiet message where content will appear. */
export function EmptyState({ children }: { readonly children: ReactNode }): ReactNode {
  return <p className="empty-state">{children}</p>;
}
