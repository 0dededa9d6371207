/** A benchmark's window on `serve`: a WebSocket to its API with a role's token, open. */
import WebSocket from 'ws';

export function connect(origin: string, token: string): Promise<WebSocket> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/api`, {
      origin,
      headers: { authorization: `Bearer ${token}` },
    });
    socket.once('open', () => done(socket));
    socket.once('error', fail);
  });
}
