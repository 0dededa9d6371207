/** The data-passing lesson's payload size as a slider, in powers of two, with the sizes it will measure. */
import { useId, type ReactNode } from 'react';
import { DATA_PASSING_KNOBS } from '../../../../../shared/lessons/data-passing';
import { formatBytes } from '../../../../../shared/format';
import { payloadSizes } from './data-passing-form';
import { selectLessonText } from '../../../store/lessons-slice-selectors';
import { parseNumberText } from '../../../store/setup-request';
import { useLab } from '../../../store/store-context';

const KNOB = DATA_PASSING_KNOBS.bytes;
const MIN_EXPONENT = Math.ceil(Math.log2(KNOB.min));
const MAX_EXPONENT = Math.floor(Math.log2(KNOB.max));

/** A range input labelled "Payload size": the largest payload, the others a quarter each. */
export function PayloadSlider(): ReactNode {
  const id = useId();
  const text = useLab((s) => selectLessonText(s, 'data-passing', 'bytes'));
  const countText = useLab((s) => selectLessonText(s, 'data-passing', 'sizes'));
  const edited = useLab((s) => s.lessonKnobEdited);
  const bytes = parseNumberText(text) ?? KNOB.default;
  const exponent = Math.min(MAX_EXPONENT, Math.max(MIN_EXPONENT, Math.round(Math.log2(bytes))));
  const count = parseNumberText(countText);
  const sizes = count !== undefined && Number.isInteger(count) && count > 0 ? payloadSizes(bytes, count) : [];
  return (
    <div className="field payload-field">
      <label htmlFor={id} title={KNOB.help}>
        {KNOB.label}
      </label>
      <div className="payload-input">
        <input
          id={id}
          type="range"
          min={MIN_EXPONENT}
          max={MAX_EXPONENT}
          step={1}
          value={exponent}
          aria-valuetext={formatBytes(2 ** exponent)}
          aria-describedby={`${id}-hint`}
          onChange={(event) =>
            edited('data-passing', 'bytes', String(2 ** Number(event.currentTarget.value)))
          }
        />
        <output htmlFor={id} className="payload-value">
          {formatBytes(2 ** exponent)}
        </output>
      </div>
      <p id={`${id}-hint`} className="hint">
        The largest payload, {formatBytes(KNOB.min)}–{formatBytes(KNOB.max)}
        {sizes.length > 0 ? `; measured at ${sizes.map(formatBytes).join(', ')}` : ''}.
      </p>
    </div>
  );
}
