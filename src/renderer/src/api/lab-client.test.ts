import { describe, expect, it, vi } from 'vitest';
import type { LabApi } from '../../../shared/ipc';
import { preloadApi, webSocketUrl } from './lab-client';

describe('webSocketUrl', () => {
  it('targets /api on the page origin', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4173' })).toBe('ws://127.0.0.1:4173/api');
  });

  it('uses wss on https pages', () => {
    expect(webSocketUrl({ protocol: 'https:', host: 'lab.example' })).toBe('wss://lab.example/api');
  });

  it('never puts a token in the address (the session cookie goes with the upgrade)', () => {
    expect(webSocketUrl({ protocol: 'http:', host: 'h:1' })).toBe('ws://h:1/api');
  });
});

describe('preloadApi', () => {
  it('finds the API the preload exposes', () => {
    const api: LabApi = { invoke: vi.fn(), on: vi.fn() };
    expect(preloadApi({ concurrencyLab: api })).toBe(api);
  });

  it('returns null in a plain browser or when the global is not an API', () => {
    expect(preloadApi({})).toBeNull();
    expect(preloadApi({ concurrencyLab: { invoke: 1 } })).toBeNull();
  });
});
