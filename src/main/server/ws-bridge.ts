/**
 * The WebSocket bridge of one window: its requests answered through the service with its role, the
 * same validation and typed errors as IPC, within its request budget. Events reach it through the
 * server's one EventFanOut, never through a subscription of its own.
 */
import type { RawData, WebSocket } from 'ws';
import type { Reply } from '../../shared/ipc';
import type { LabCaller } from '../../shared/room';
import { wsInvokeSchema, type WsServerMessage } from '../../shared/ws-protocol';
import type { LabService } from '../engine/lab-service';
import { RequestBudget, type RequestLimits } from './request-budget';

/** Close code for a window that floods the server (policy violation). */
export const CLOSE_FLOODING = 1008;

function invalid(message: string): Reply<unknown> {
  return { ok: false, error: { code: 'invalid-request', message } };
}

/** The id of a refused request, read cheaply (without parsing it) so the window can pair the refusal. */
function requestId(data: RawData): number | null {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  const head = buffer.subarray(0, 200);
  const match = /"id"\s*:\s*(\d{1,10})[,}]/.exec(head.toString());
  return match ? Number(match[1]) : null;
}

/** Serves one window's requests until it closes. */
export function bridgeConnection(
  socket: WebSocket,
  service: LabService,
  caller: LabCaller,
  limits: RequestLimits,
  /** Hears why the window was closed for flooding. */
  closed: (reason: string) => void = () => {},
): void {
  const budget = new RequestBudget(limits);
  const send = (message: WsServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const reply = (id: number | null, answer: Reply<unknown>): void => {
    budget.settled();
    send({ type: 'reply', id, reply: answer });
  };
  socket.on('error', () => socket.terminate());
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const verdict = budget.take();
    if (verdict.kind === 'close') {
      closed(verdict.reason);
      socket.close(CLOSE_FLOODING, verdict.reason);
      return;
    }
    if (verdict.kind === 'refuse')
      return send({
        type: 'reply',
        id: requestId(data),
        reply: { ok: false, error: { code: 'rate-limited', message: verdict.message } },
      });
    if (isBinary) return reply(null, invalid('messages must be JSON text frames'));
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return reply(null, invalid('message is not valid JSON'));
    }
    const envelope = wsInvokeSchema.safeParse(parsed);
    if (!envelope.success) {
      const id = typeof (parsed as { id?: unknown })?.id === 'number' ? (parsed as { id: number }).id : null;
      const issue = envelope.error.issues[0]!;
      const field = issue.path.map(String).join('.') || 'message';
      return reply(
        Number.isInteger(id) ? id : null,
        invalid(
          `${field} ${issue.code === 'unrecognized_keys' ? `has unknown field(s): ${issue.keys.join(', ')}` : issue.message} (expected {type:"invoke", id, channel, payload})`,
        ),
      );
    }
    const { id, channel, payload } = envelope.data;
    void service.handle(channel, payload, caller).then((answer) => reply(id, answer));
  });
}
