/** The security headers of every page and asset, in the app (app:// protocol) and in browser mode. */

/**
 * A strict Content-Security-Policy: only our own scripts, styles, workers and connections; no eval,
 * no inline scripts, no remote origins. `connectOrigin` adds the page's own WebSocket origin, which
 * some engines do not count as 'self'.
 */
export function contentSecurityPolicy(connectOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${connectOrigin ? ` ${connectOrigin}` : ''}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers for every response. COOP and COEP make the page cross-origin isolated, which
 * SharedArrayBuffer needs in a page (the responsiveness lab's workers share memory).
 */
export function securityHeaders(connectOrigin?: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectOrigin),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}
