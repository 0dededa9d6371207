/** The WebSocket bridge: the IPC contract over JSON frames, with the same validation and typed errors as IPC. */
import type { RawData, WebSocket } from 'ws';
import type { LabEvent, Reply } from '../../shared/ipc';
import { wsInvokeSchema, type WsServerMessage } from '../../shared/ws-protocol';
import type { LabService } from '../engine/lab-service';

/** Above this many bytes queued for a slow client, live snapshots to it are skipped (results never are). */
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;

function invalid(message: string): Reply<unknown> {
  return { ok: false, error: { code: 'invalid-request', message } };
}

/** Serves one connection: answers invokes through the service and forwards its events. */
export function bridgeConnection(socket: WebSocket, service: LabService): void {
  const send = (message: WsServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = service.subscribe((event: LabEvent) => {
    const live = event.event === 'run:progress' && event.payload.kind === 'snapshot';
    if (live && socket.bufferedAmount > SLOW_CLIENT_BYTES) return;
    send({ type: 'event', event: event.event, payload: event.payload } as WsServerMessage);
  });
  socket.on('close', unsubscribe);
  socket.on('error', () => socket.terminate());
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary)
      return send({ type: 'reply', id: null, reply: invalid('messages must be JSON text frames') });
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return send({ type: 'reply', id: null, reply: invalid('message is not valid JSON') });
    }
    const envelope = wsInvokeSchema.safeParse(parsed);
    if (!envelope.success) {
      const id = typeof (parsed as { id?: unknown })?.id === 'number' ? (parsed as { id: number }).id : null;
      const issue = envelope.error.issues[0]!;
      const field = issue.path.map(String).join('.') || 'message';
      return send({
        type: 'reply',
        id: Number.isInteger(id) ? id : null,
        reply: invalid(
          `${field} ${issue.code === 'unrecognized_keys' ? `has unknown field(s): ${issue.keys.join(', ')}` : issue.message} (expected {type:"invoke", id, channel, payload})`,
        ),
      });
    }
    const { id, channel, payload } = envelope.data;
    void service.handle(channel, payload).then((reply) => send({ type: 'reply', id, reply }));
  });
}
