/**
 * Who a request is, in a room with tokens: the join link's token is exchanged once for a session
 * cookie (HttpOnly, so page scripts never see it; the link's address is replaced by a redirect, so
 * the token stays out of the browser's history and of any Referer), and every later request and the
 * WebSocket are recognised by that cookie. Programs may send `Authorization: Bearer <token>` instead.
 * Without tokens (a loopback server) every window is the instructor.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Role } from '../../shared/room';

/** The instructor's and the attendees' secrets. */
export interface RoomTokens {
  readonly instructor: string;
  readonly attendee: string;
}

/** What a token must look like (the same rule as the --token flag). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** A new random token: 192 bits, URL-safe. */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Sessions kept at most; the oldest is forgotten first (its window must open the join link again). */
const MAX_SESSIONS = 10_000;

const SESSION_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Recognises requests by token or session cookie. */
export interface RoomAuth {
  /** Whether requests must prove who they are. */
  readonly required: boolean;
  /** The role of a request (its cookie or Bearer token), or null when it proves nothing. */
  roleOf(headers: IncomingHttpHeaders): Role | null;
  /** Exchanges a join link's token for a session: its role and the Set-Cookie value, or null for a wrong token. */
  join(token: string): { readonly role: Role; readonly setCookie: string } | null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/**
 * Auth for a server; `port()` names the cookie (cookies ignore ports, so two servers on one machine
 * must not share a name).
 */
export function createRoomAuth(tokens: RoomTokens | null, port: () => number): RoomAuth {
  const sessions = new Map<string, Role>();
  const cookieName = (): string => `lab_session_${port()}`;
  const roleOfToken = (token: string): Role | null => {
    if (!tokens || !TOKEN_PATTERN.test(token)) return null;
    // Both compared every time: how long the check takes says nothing about which one matched.
    const instructor = sameSecret(token, tokens.instructor);
    const attendee = sameSecret(token, tokens.attendee);
    return instructor ? 'instructor' : attendee ? 'attendee' : null;
  };
  return {
    required: tokens !== null,
    roleOf(headers) {
      if (!tokens) return 'instructor';
      const bearer = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(headers.authorization ?? '');
      if (bearer) return roleOfToken(bearer[1]!);
      const session = cookieValue(headers.cookie, cookieName());
      return session !== null && SESSION_PATTERN.test(session) ? (sessions.get(session) ?? null) : null;
    },
    join(token) {
      const role = roleOfToken(token);
      if (role === null) return null;
      const session = randomBytes(32).toString('base64url');
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
      sessions.set(session, role);
      // Lax, not Strict: a join link opened from a QR scanner is a cross-site navigation, and the
      // redirect that follows must carry the cookie. The WebSocket checks its Origin itself.
      return { role, setCookie: `${cookieName()}=${session}; HttpOnly; SameSite=Lax; Path=/` };
    },
  };
}
