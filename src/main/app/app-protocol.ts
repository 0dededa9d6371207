/**
 * The `app://lab/` protocol that serves the built renderer, so every page and asset gets real
 * response headers (CSP, COOP/COEP for SharedArrayBuffer) instead of the header-less file:// scheme.
 */
import { protocol } from 'electron';
import { securityHeaders } from '../server/security-headers';
import { readStaticFile } from '../server/static-files';

/** The scheme the renderer is served from. */
export const APP_SCHEME = 'app';

/** The only host the scheme answers for. */
export const APP_HOST = 'lab';

/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Whether a URL is one of our own pages or assets (parsed, never prefix-matched: `app://lab.evil` is not ours). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST;
  } catch {
    return false;
  }
}

/** Registers the scheme's privileges; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        // Relative URLs, web storage and a real origin ('self' in the CSP means app://lab).
        standard: true,
        // A secure context: SharedArrayBuffer and crypto.subtle need one.
        secure: true,
        supportFetchAPI: true,
        // Vite emits `<script type="module" crossorigin>` and module workers, fetched in CORS mode.
        // Same-origin only in effect: responses never carry Access-Control-Allow-Origin.
        corsEnabled: true,
        stream: true,
        // Deliberately not bypassCSP: the CSP header below must apply.
      },
    },
  ]);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * The response to one request for `url` from the renderer files in `rendererDir`: the file with the
 * security headers, 404 when missing or outside the folder, 403 for another host, 405 for writes.
 */
export async function appResponse(rendererDir: string, url: string, method = 'GET'): Promise<Response> {
  if (!isAppUrl(url)) return textResponse(403, 'forbidden: only app://lab/ is served');
  if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'method not allowed');
  const file = await readStaticFile(rendererDir, new URL(url).pathname);
  if (!file) return textResponse(404, 'not found');
  return new Response(method === 'HEAD' ? null : file.body, {
    status: 200,
    headers: {
      ...securityHeaders(),
      'Content-Type': file.contentType,
      'Content-Length': String(file.body.byteLength),
    },
  });
}

/** Serves the built renderer from `rendererDir` at `app://lab/`; call once the app is ready. */
export function setupAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url, request.method));
}
