/**
 * The room's links: the instructor's (printed by `serve`, never sent to an attendee) and the
 * attendees' join link with its QR code, on the address attendees can reach — a LAN address of this
 * machine when it listens on every interface.
 */
import { isIP } from 'node:net';
import { qrRows } from '../engine/service/qr-code';
import type { JoinInfo } from '../../shared/room';
import { canonicalHost, isLoopbackHost, isWildcardHost, THIS_MACHINE, type MachineNames } from './host-guard';
import type { RoomTokens } from './room-auth';

/** The instructor's link, and how attendees join (null without tokens: nobody else can). */
export interface RoomLinks {
  readonly instructor: string;
  readonly join: JoinInfo | null;
}

function isPrivateIpv4(address: string): boolean {
  const [a, b] = address.split('.').map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** Where attendees can reach a server bound to `bind`, best first: private IPv4, other IPv4, global IPv6. */
export function reachableHosts(bind: string, machine: MachineNames = THIS_MACHINE): string[] {
  if (!isWildcardHost(bind)) return [canonicalHost(bind) ?? bind];
  const addresses = machine
    .interfaceAddresses()
    .map((address) => address.split('%')[0]!)
    .filter((address) => !isLoopbackHost(address) && !/^fe80:/i.test(address))
    .filter((address) => bind !== '0.0.0.0' || isIP(address) === 4);
  const rank = (address: string): number =>
    isIP(address) === 6 ? 3 : address.startsWith('169.254.') ? 2 : isPrivateIpv4(address) ? 0 : 1;
  const sorted = [...new Set(addresses)].sort((a, b) => rank(a) - rank(b));
  const hosts = sorted.flatMap((address) => canonicalHost(address) ?? []);
  return hosts.length > 0 ? hosts : ['127.0.0.1'];
}

export { qrRows } from '../engine/service/qr-code';

/** The links of a server listening on `port`. */
export function roomLinks(
  bind: string,
  port: number,
  tokens: RoomTokens | null,
  machine: MachineNames = THIS_MACHINE,
): RoomLinks {
  const hosts = reachableHosts(bind, machine);
  const link = (host: string, token: string | null): string =>
    `http://${host}:${port}/${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  if (!tokens) return { instructor: link(hosts[0]!, null), join: null };
  const url = link(hosts[0]!, tokens.attendee);
  return {
    instructor: link(hosts[0]!, tokens.instructor),
    join: { url, otherUrls: hosts.slice(1).map((host) => link(host, tokens.attendee)), qr: qrRows(url) },
  };
}

/** A QR code for a terminal: two rows per line in half blocks, light on dark as phones expect. */
export function terminalQr(rows: readonly string[]): string {
  const lines: string[] = [];
  for (let y = 0; y < rows.length; y += 2) {
    const top = rows[y]!;
    const bottom = rows[y + 1] ?? '0'.repeat(top.length);
    let line = '';
    for (let x = 0; x < top.length; x++) {
      // Light modules are drawn (the terminal's background is usually dark).
      const t = top[x] === '0';
      const b = bottom[x] === '0';
      line += t && b ? '█' : t ? '▀' : b ? '▄' : ' ';
    }
    lines.push(line);
  }
  return lines.join('\n');
}
