import { describe, expect, it } from 'vitest';
import type { MachineNames } from './host-guard';
import { qrRows, reachableHosts, roomLinks, terminalQr } from './join-links';

const machine: MachineNames = {
  interfaceAddresses: () => ['127.0.0.1', '::1', '203.0.113.9', '192.168.1.5', 'fe80::1%eth0', '2001:db8::5'],
  hostName: () => 'lab',
};
const tokens = { instructor: 'instructor-token-0123456789', attendee: 'attendee-token-0123456789' };

describe('room links', () => {
  it('joins on a LAN address when listening everywhere, private IPv4 first', () => {
    expect(reachableHosts('0.0.0.0', machine)).toEqual(['192.168.1.5', '203.0.113.9']);
    expect(reachableHosts('::', machine)).toEqual(['192.168.1.5', '203.0.113.9', '[2001:db8::5]']);
    expect(reachableHosts('192.168.1.5', machine)).toEqual(['192.168.1.5']);
    expect(reachableHosts('0.0.0.0', { ...machine, interfaceAddresses: () => ['127.0.0.1'] })).toEqual([
      '127.0.0.1',
    ]);
  });

  it('gives attendees their own link and QR code, never the instructor’s token', () => {
    const { instructor, join } = roomLinks('0.0.0.0', 4173, tokens, machine);
    expect(instructor).toBe(`http://192.168.1.5:4173/?token=${tokens.instructor}`);
    expect(join?.url).toBe(`http://192.168.1.5:4173/?token=${tokens.attendee}`);
    expect(join?.otherUrls).toEqual([`http://203.0.113.9:4173/?token=${tokens.attendee}`]);
    expect(JSON.stringify(join)).not.toContain(tokens.instructor);
    expect(join?.qr.length).toBeGreaterThan(20);
    expect(join?.qr.every((row) => row.length === join.qr.length && /^[01]+$/.test(row))).toBe(true);
  });

  it('has no join link without tokens', () => {
    expect(roomLinks('127.0.0.1', 80, null, machine)).toEqual({
      instructor: 'http://127.0.0.1:80/',
      join: null,
    });
  });

  it('draws the QR code for a terminal in half blocks, two rows a line', () => {
    const rows = qrRows('http://192.168.1.5:4173/?token=x');
    const text = terminalQr(rows);
    expect(text.split('\n')).toHaveLength(Math.ceil(rows.length / 2));
    expect(text).toMatch(/^[█▀▄ \n]+$/);
  });
});
