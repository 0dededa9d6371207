/** A titled section of the page; its heading names it for assistive technology. */
import { useId, type ReactNode } from 'react';

/** Props of a panel. */
export interface PanelProps {
  readonly title: string;
  /** Short text beside the title (a status, a count). */
  readonly aside?: ReactNode;
  readonly className?: string;
  readonly children: ReactNode;
}

/** A card with an h2 heading. */
export function Panel({ title, aside, className, children }: PanelProps): ReactNode {
  const id = useId();
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <header className="panel-header">
        <h2 id={id}>{title}</h2>
        {aside !== undefined && <div className="panel-aside">{aside}</div>}
      </header>
      {children}
    </section>
  );
}

/** A quiet message where content will appear. */
export function EmptyState({ children }: { readonly children: ReactNode }): ReactNode {
  return <p className="empty-state">{children}</p>;
}
