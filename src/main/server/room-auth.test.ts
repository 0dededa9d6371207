import { describe, expect, it } from 'vitest';
import { createRoomAuth, generateToken, TOKEN_PATTERN } from './room-auth';

const tokens = { instructor: 'instructor-token-0123456789', attendee: 'attendee-token-0123456789' };

describe('room auth', () => {
  it('generates tokens the --token flag would accept, different every time', () => {
    const a = generateToken();
    expect(a).toMatch(TOKEN_PATTERN);
    expect(generateToken()).not.toBe(a);
  });

  it('exchanges each join token for an HttpOnly session cookie of its role', () => {
    const auth = createRoomAuth(tokens, () => 4173);
    const instructor = auth.join(tokens.instructor)!;
    const attendee = auth.join(tokens.attendee)!;
    expect(instructor.role).toBe('instructor');
    expect(attendee.role).toBe('attendee');
    expect(instructor.setCookie).toMatch(
      /^lab_session_4173=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Lax; Path=\/$/,
    );
    expect(instructor.setCookie).not.toContain(tokens.instructor);
    const cookie = (setCookie: string) => setCookie.split(';')[0]!;
    expect(auth.roleOf({ cookie: `other=1; ${cookie(attendee.setCookie)}` })).toBe('attendee');
    expect(auth.roleOf({ cookie: cookie(instructor.setCookie) })).toBe('instructor');
  });

  it('recognises nothing else: wrong tokens, forged or foreign cookies, no proof at all', () => {
    const auth = createRoomAuth(tokens, () => 4173);
    expect(auth.join('attendee-token-012345678X')).toBeNull();
    expect(auth.join('')).toBeNull();
    expect(auth.roleOf({})).toBeNull();
    expect(auth.roleOf({ cookie: `lab_session_4173=${'a'.repeat(43)}` })).toBeNull();
    const elsewhere = createRoomAuth(tokens, () => 5000).join(tokens.instructor)!;
    expect(auth.roleOf({ cookie: elsewhere.setCookie.split(';')[0]! })).toBeNull();
  });

  it('lets programs present a token as a Bearer header', () => {
    const auth = createRoomAuth(tokens, () => 1);
    expect(auth.roleOf({ authorization: `Bearer ${tokens.attendee}` })).toBe('attendee');
    expect(auth.roleOf({ authorization: `Bearer ${tokens.instructor}` })).toBe('instructor');
    expect(auth.roleOf({ authorization: 'Bearer wrong-wrong-wrong-wrong' })).toBeNull();
  });

  it('needs nothing without tokens: every window is the instructor', () => {
    const auth = createRoomAuth(null, () => 1);
    expect(auth.required).toBe(false);
    expect(auth.roleOf({})).toBe('instructor');
    expect(auth.join('anything-anything-anything')).toBeNull();
  });
});
