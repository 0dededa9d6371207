/** The busy-machine notice: shown on a result whose machine was busy with other work while it was measured. */
import type { ReactNode } from 'react';
import { BUSY_MACHINE_RULE_TEXT, busyMachine, type MachineLoad } from '../../../shared/machine-load';
import './busy-machine-notice.css';

/** "The machine was busy: these numbers are unreliable", with what was measured; nothing on a quiet machine. */
export function BusyMachineNotice({ load }: { readonly load: MachineLoad | undefined }): ReactNode {
  const busy = busyMachine(load);
  if (!busy) return null;
  const [headline, ...rest] = busy.notice.split('. ');
  return (
    <div className="busy-notice" role="note" title={`The rule: ${BUSY_MACHINE_RULE_TEXT}.`}>
      <span className="busy-notice-mark" aria-hidden="true">
        !
      </span>
      <p>
        <strong>{headline}.</strong> {rest.join('. ')}
      </p>
    </div>
  );
}
