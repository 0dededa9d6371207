/** Above the run table: which runs to list (a scenario, a lesson or view) and words to find in them. */
import { useId, useMemo, type ReactNode } from 'react';
import { selectHistoryItems } from '../../store/history-slice';
import { isHistoryScope, isUnfiltered, scopeOptions, type ScopeOption } from '../../store/history-filter';
import { selectShownHistoryItems } from '../../store/history-view-slice';
import { useLab } from '../../store/store-context';

function ScopeGroup({
  label,
  options,
}: {
  readonly label: string;
  readonly options: readonly ScopeOption[];
}) {
  if (options.length === 0) return null;
  return (
    <optgroup label={label}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </optgroup>
  );
}

/** The filter's two fields and how many runs it lists. */
export function HistoryFilterBar(): ReactNode {
  const id = useId();
  const items = useLab(selectHistoryItems);
  const shown = useLab((s) => selectShownHistoryItems(s).length);
  const filter = useLab((s) => s.historyView.filter);
  const changed = useLab((s) => s.historyFilterChanged);
  const options = useMemo(() => scopeOptions(items), [items]);
  // A scope whose runs were all deleted stays chosen, and offered, until another is picked.
  const offered = options.some((option) => option.value === filter.scope) || filter.scope === 'all';
  return (
    <div className="history-filter" role="search" aria-label="Filter the run history">
      <div className="history-filter-field">
        <label htmlFor={`${id}-scope`}>Show</label>
        <select
          id={`${id}-scope`}
          value={filter.scope}
          onChange={(event) => {
            const scope = event.currentTarget.value;
            if (isHistoryScope(scope)) changed({ ...filter, scope });
          }}
        >
          <option value="all">Every run</option>
          {!offered && <option value={filter.scope}>{filter.scope.split(':')[1]}</option>}
          <ScopeGroup label="Scenario" options={options.filter((o) => o.group === 'Scenario')} />
          <ScopeGroup label="Lesson or view" options={options.filter((o) => o.group === 'Lesson or view')} />
        </select>
      </div>
      <div className="history-filter-field history-filter-text">
        <label htmlFor={`${id}-text`}>Find</label>
        <input
          id={`${id}-text`}
          type="search"
          value={filter.text}
          placeholder="title, settings, model, verdict…"
          onChange={(event) => changed({ ...filter, text: event.currentTarget.value })}
        />
      </div>
      <p className="history-filter-count muted" aria-live="polite">
        {isUnfiltered(filter) ? '' : `${shown} of ${items.length} runs shown`}
      </p>
      {!isUnfiltered(filter) && (
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => changed({ scope: 'all', text: '' })}
        >
          Clear filter
        </button>
      )}
    </div>
  );
}
