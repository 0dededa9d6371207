/**
 * Which Host headers a browser-mode server answers (DNS-rebinding defence). A loopback bind answers
 * only loopback names; any other bind answers the addresses of this machine's interfaces and its host
 * name, read again every few seconds (a laptop's Wi-Fi address changes). Addresses are parsed and
 * compared in canonical form, never as string prefixes.
 */
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

/** What the guard reads about the machine; tests pass their own. */
export interface MachineNames {
  readonly interfaceAddresses: () => readonly string[];
  readonly hostName: () => string;
}

/** This machine's real interfaces and host name. */
export const THIS_MACHINE: MachineNames = {
  interfaceAddresses: () =>
    Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((info) => info.address)),
  hostName: () => hostname(),
};

/** How long the interface list is trusted before it is read again, ms. */
const NAMES_TTL_MS = 5_000;

/** A Host header's characters: names, IPv4, bracketed IPv6 and a port. Anything else is refused unparsed. */
const HOST_HEADER = /^[A-Za-z0-9.\-:[\]]{1,300}$/;

/**
 * The canonical form of a host name or IP address as the URL parser writes it (lower case, IPv6 in
 * brackets and compressed, IPv4-mapped IPv6 in hex), or null when it is not a valid host. An IPv6
 * zone (%eth0) is dropped: browsers do not send one.
 */
export function canonicalHost(host: string): string | null {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const withoutZone = bare.split('%')[0]!;
  const literal = isIP(withoutZone) === 6 ? `[${withoutZone}]` : withoutZone;
  if (!HOST_HEADER.test(literal)) return null;
  try {
    const url = new URL(`http://${literal}/`);
    return url.port === '' && url.username === '' ? url.hostname : null;
  } catch {
    return null;
  }
}

/** The eight 16-bit groups of a canonical bracketed IPv6 address. */
function ipv6Groups(canonical: string): number[] {
  const [head, tail] = canonical.slice(1, -1).split('::') as [string, string | undefined];
  const parse = (part: string | undefined): number[] =>
    part ? part.split(':').map((group) => parseInt(group, 16)) : [];
  const start = parse(head);
  const end = parse(tail);
  return tail === undefined ? start : [...start, ...Array(8 - start.length - end.length).fill(0), ...end];
}

/**
 * Whether a host is this machine only: `localhost`, an IPv4 address in 127.0.0.0/8, `::1`, or an
 * IPv4-mapped `::ffff:127.x.y.z`. Names that merely start with "127." are not.
 */
export function isLoopbackHost(host: string): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const kind = isIP(bare);
  if (kind === 4) return bare.split('.')[0] === '127';
  if (kind !== 6) return false;
  const canonical = canonicalHost(bare);
  if (canonical === null) return false;
  const groups = ipv6Groups(canonical);
  const zeros = (from: number, to: number): boolean => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 7) && groups[7] === 1) return true;
  return zeros(0, 5) && groups[5] === 0xffff && groups[6]! >> 8 === 0x7f;
}

/** Whether a bind address listens on every interface. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** Decides whether a request's Host header names this server. */
export interface HostGuard {
  /** Whether `header` (the Host header as sent) names this server on its port. */
  allows(header: string | undefined): boolean;
  /** The canonical names answered now (tests and the join link use them). */
  names(): ReadonlySet<string>;
}

/** A guard for a server bound to `bind`, listening on `port()` (known only once listening). */
export function createHostGuard(
  bind: string,
  port: () => number,
  machine: MachineNames = THIS_MACHINE,
): HostGuard {
  const loopback = isLoopbackHost(bind);
  let cached: { readonly names: ReadonlySet<string>; readonly at: number } | null = null;

  const compute = (): ReadonlySet<string> => {
    const names = new Set(['localhost', '127.0.0.1', '[::1]']);
    const own = canonicalHost(bind);
    if (own !== null && !isWildcardHost(bind)) names.add(own);
    if (!loopback) {
      for (const address of machine.interfaceAddresses()) {
        const canonical = canonicalHost(address);
        if (canonical !== null) names.add(canonical);
      }
      const name = canonicalHost(machine.hostName());
      if (name !== null) names.add(name);
    }
    return names;
  };

  const names = (): ReadonlySet<string> => {
    const now = Date.now();
    if (!cached || now - cached.at > NAMES_TTL_MS) cached = { names: compute(), at: now };
    return cached.names;
  };

  return {
    names,
    allows(header) {
      if (header === undefined || !HOST_HEADER.test(header)) return false;
      let url: URL;
      try {
        url = new URL(`http://${header}/`);
      } catch {
        return false;
      }
      if (url.username !== '' || url.password !== '') return false;
      const sentPort = url.port === '' ? 80 : Number(url.port);
      return sentPort === port() && names().has(url.hostname);
    },
  };
}
