/** A refusal from the server in one sentence for the room's line: forbidden, busy or anything else. */
import type { LabError } from '../../../shared/ipc';

/** The sentence an attendee (or a second window) reads when the server refused their request. */
export function refusalText(error: LabError): string {
  switch (error.code) {
    case 'forbidden':
      return `Refused: only the instructor starts, cancels or changes runs on the shared machine (you joined as ${error.role === 'attendee' ? 'an attendee' : (error.role ?? 'a guest')}).`;
    case 'busy':
      return `Busy: ${error.message}`;
    default:
      return error.message;
  }
}
