import { describe, expect, it } from 'vitest';
import { parseServerFlag, parseWorkerArgs } from './worker-command';
import { UsageError } from './usage-error';

function usageError(args: string[]): string {
  try {
    parseWorkerArgs(args, 4);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('no usage error');
}

describe('worker flags', () => {
  it('joins with a user and password, one worker process per core by default', () => {
    expect(
      parseWorkerArgs(['--server', 'nats://192.168.1.10:4222', '--user', 'attendee', '--password', 'pw'], 4),
    ).toEqual({
      connection: {
        url: 'nats://192.168.1.10:4222',
        auth: { kind: 'password', user: 'attendee', password: 'pw' },
      },
      concurrency: 4,
      help: false,
    });
  });

  it('takes a bare HOST:PORT as nats://, keeps tls://, and --concurrency', () => {
    expect(parseWorkerArgs(['--server', 'lab.local:4222', '--concurrency', '2'], 4)).toMatchObject({
      connection: { url: 'nats://lab.local:4222', auth: { kind: 'none' } },
      concurrency: 2,
    });
    expect(parseServerFlag('tls://[::1]:4443')).toBe('tls://[::1]:4443');
  });

  it.each([
    [[], /^--server is required/],
    [
      ['--server', 'http://x:1'],
      /^--server must be nats:\/\/HOST:PORT or tls:\/\/HOST:PORT, with a port from 1 to 65535 \(got "http:\/\/x:1"\)$/,
    ],
    [['--server', 'nats://lab'], /^--server must be nats:\/\/HOST:PORT/],
    [['--server', 'nats://lab:70000'], /^--server must be .* port from 1 to 65535/],
    [['--server', 'nats://lab:4222', '--user', 'a'], /^--user and --password go together/],
    [['--server', 'nats://lab:4222', '--creds', '/no/such.creds'], /^--creds: no file at \/no\/such\.creds$/],
    [
      ['--server', 'nats://lab:4222', '--concurrency', '0'],
      /^--concurrency must be an integer from 1 to 64 \(got "0"\)$/,
    ],
    [
      ['--server', 'nats://lab:4222', '--concurrency', '65'],
      /^--concurrency must be an integer from 1 to 64/,
    ],
    [['--server', 'nats://lab:4222', '--tls-ca', '/no/ca.pem'], /^--tls-ca: no file at/],
    [
      ['--server', 'nats://lab:4222', '--bogus'],
      /^unknown flag --bogus \(see: concurrency-lab worker --help\)$/,
    ],
    [['--server', 'nats://lab:4222', 'extra'], /^unexpected argument "extra"/],
  ])('refuses %j in one line naming the flag', (args, message) => {
    expect(usageError(args)).toMatch(message);
  });
});
