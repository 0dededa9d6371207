import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const protocol = vi.hoisted(() => ({ registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() }));
vi.mock('electron', () => ({ protocol }));

import { APP_ENTRY_URL, appResponse, isAppUrl, registerAppScheme, setupAppProtocol } from './app-protocol';

let root: string;
let rendererDir: string;

beforeAll(async () => {
  // out/renderer beside out/main and a sibling folder whose name starts like it: both must stay unreachable.
  root = await mkdtemp(join(tmpdir(), 'app-protocol-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await mkdir(join(root, 'main'), { recursive: true });
  await mkdir(join(root, 'renderer-secrets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Concurrency Lab</title>');
  await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(root, 'main', 'index.js'), 'secret main code');
  await writeFile(join(root, 'renderer-secrets', 'key.txt'), 'secret');
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('registerAppScheme', () => {
  it('registers app:// as standard, secure, fetch and stream capable, without bypassing the CSP', () => {
    registerAppScheme();
    const [schemes] = protocol.registerSchemesAsPrivileged.mock.calls[0]!;
    expect(schemes).toHaveLength(1);
    expect(schemes[0].scheme).toBe('app');
    expect(schemes[0].privileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
    });
    expect(schemes[0].privileges.bypassCSP).toBeFalsy();
    expect(schemes[0].privileges.allowServiceWorkers).toBeFalsy();
  });
});

describe('appResponse', () => {
  it('serves index.html with its content type and every security header', async () => {
    const response = await appResponse(rendererDir, APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('Concurrency Lab');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends a CSP without unsafe-eval, inline scripts or any http(s) origin', async () => {
    for (const url of [APP_ENTRY_URL, 'app://lab/assets/index-abc.js', 'app://lab/missing.js']) {
      const csp = (await appResponse(rendererDir, url)).headers.get('content-security-policy');
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    }
  });

  it('serves assets with their content type', async () => {
    const response = await appResponse(rendererDir, 'app://lab/assets/index-abc.js?v=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files and for every way out of the renderer folder', async () => {
    for (const url of [
      'app://lab/nope.html',
      'app://lab/../main/index.js',
      'app://lab/%2e%2e/main/index.js',
      'app://lab/..%2fmain%2findex.js',
      'app://lab/%2e%2e%2fmain%2findex.js',
      'app://lab/..%5cmain%5cindex.js',
      'app://lab/..%2frenderer-secrets%2fkey.txt',
      'app://lab/%00index.html',
      'app://lab/%E0%A4%A',
    ]) {
      const response = await appResponse(rendererDir, url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('secret');
    }
  });

  it('refuses other hosts', async () => {
    for (const url of ['app://other/index.html', 'app://lab.evil/index.html', 'app://lab:8080/index.html']) {
      expect((await appResponse(rendererDir, url)).status, url).toBe(403);
    }
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await appResponse(rendererDir, APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await appResponse(rendererDir, APP_ENTRY_URL, 'POST')).status).toBe(405);
  });
});

describe('setupAppProtocol', () => {
  it('handles the app scheme with the renderer folder', async () => {
    setupAppProtocol(rendererDir);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
    const response = await handler(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBeTruthy();
  });
});

describe('isAppUrl', () => {
  it('accepts only app://lab/ URLs, parsed rather than prefix-matched', () => {
    expect(isAppUrl('app://lab/index.html')).toBe(true);
    expect(isAppUrl('app://lab.attacker.com/index.html')).toBe(false);
    expect(isAppUrl('https://lab/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('javascript:alert(1)')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
