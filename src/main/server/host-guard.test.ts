import { describe, expect, it } from 'vitest';
import { canonicalHost, createHostGuard, isLoopbackHost, type MachineNames } from './host-guard';

const machine: MachineNames = {
  interfaceAddresses: () => ['127.0.0.1', '::1', '192.168.1.5', 'fe80::1c2a:3bff:fe4d:5e6f%eth0', '10.0.0.7'],
  hostName: () => 'Lab-Laptop',
};

describe('isLoopbackHost', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    'localhost',
  ])('%s is loopback', (host) => expect(isLoopbackHost(host)).toBe(true));

  it.each([
    '127.0.0.1.example',
    '127.0.0.1.nip.invalid',
    '127.example',
    '0.0.0.0',
    '::',
    '::ffff:192.168.1.5',
    '::127.0.0.1',
    '192.168.1.5',
    'localhost.example',
    '127.1',
    '',
  ])('%s is not loopback', (host) => expect(isLoopbackHost(host)).toBe(false));
});

describe('canonicalHost', () => {
  it('writes addresses the way browsers send them', () => {
    expect(canonicalHost('FE80::1C2A:3BFF:FE4D:5E6F%eth0')).toBe('[fe80::1c2a:3bff:fe4d:5e6f]');
    expect(canonicalHost('::ffff:127.0.0.1')).toBe('[::ffff:7f00:1]');
    expect(canonicalHost('Lab-Laptop')).toBe('lab-laptop');
    expect(canonicalHost('a/b')).toBeNull();
    expect(canonicalHost('user@host')).toBeNull();
  });
});

describe('a wildcard bind (0.0.0.0)', () => {
  const guard = createHostGuard('0.0.0.0', () => 4173, machine);

  it.each([
    '127.0.0.1:4173',
    'localhost:4173',
    '[::1]:4173',
    '192.168.1.5:4173',
    '10.0.0.7:4173',
    '[fe80::1c2a:3bff:fe4d:5e6f]:4173',
    'lab-laptop:4173',
    'LAB-LAPTOP:4173',
  ])('answers Host %s', (host) => expect(guard.allows(host)).toBe(true));

  it.each([
    '0.0.0.0:4173',
    'evil.example:4173',
    '192.168.1.6:4173',
    '192.168.1.5:4174',
    '192.168.1.5',
    '127.0.0.1.example:4173',
    'lab-laptop.evil.example:4173',
    'user@192.168.1.5:4173',
    '192.168.1.5:4173/x',
    '',
    undefined,
  ])('refuses Host %s', (host) => expect(guard.allows(host)).toBe(false));
});

describe('a loopback bind', () => {
  it('answers loopback names only, on its port', () => {
    const guard = createHostGuard('127.0.0.1', () => 80, machine);
    expect(guard.allows('127.0.0.1')).toBe(true);
    expect(guard.allows('localhost:80')).toBe(true);
    expect(guard.allows('192.168.1.5')).toBe(false);
    expect(guard.allows('lab-laptop')).toBe(false);
  });

  it('answers an IPv4-mapped loopback bind by 127.0.0.1 as well', () => {
    const guard = createHostGuard('::ffff:127.0.0.1', () => 5000, machine);
    expect(guard.allows('127.0.0.1:5000')).toBe(true);
    expect(guard.allows('[::ffff:7f00:1]:5000')).toBe(true);
  });
});

describe('a specific address bind', () => {
  it('answers its own address and the machine’s other names', () => {
    const guard = createHostGuard('192.168.1.5', () => 8080, machine);
    expect(guard.allows('192.168.1.5:8080')).toBe(true);
    expect(guard.allows('lab-laptop:8080')).toBe(true);
    expect(guard.allows('example.com:8080')).toBe(false);
  });
});
