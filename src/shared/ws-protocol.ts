/** Browser mode's WebSocket messages: the IPC contract carried as JSON frames on one socket. */
import { z } from 'zod';
import type { EventChannel, EventContract, Reply } from './ipc';

/** Path of the WebSocket endpoint, on the same origin as the page. */
export const WS_PATH = '/api';

/** Largest frame either side accepts. */
export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Largest request a window may send: every request of the contract is a few kilobytes at most. */
export const WS_MAX_REQUEST_BYTES = 64 * 1024;

/** A request from the page: `id` pairs it with its reply. */
export interface WsInvoke {
  readonly type: 'invoke';
  readonly id: number;
  readonly channel: string;
  readonly payload?: unknown;
}

/** Server to page: a reply (`id` null when the request was too malformed to have one) or an event. */
export type WsServerMessage =
  | { readonly type: 'reply'; readonly id: number | null; readonly reply: Reply<unknown> }
  | {
      [E in EventChannel]: { readonly type: 'event'; readonly event: E; readonly payload: EventContract[E] };
    }[EventChannel];

/** The envelope's schema; the payload is validated per channel afterwards. */
export const wsInvokeSchema = z.strictObject({
  type: z.literal('invoke', { error: 'must be "invoke"' }),
  id: z
    .number({ error: 'must be an integer id' })
    .int({ error: 'must be an integer id' })
    .min(0)
    .max(2 ** 31 - 1),
  channel: z.string({ error: 'must be a channel name' }).max(100),
  payload: z.unknown().optional(),
});
