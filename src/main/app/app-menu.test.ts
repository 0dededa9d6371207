import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  app: {
    isPackaged: true,
    getVersion: () => '0.1.0',
    setAboutPanelOptions: vi.fn(),
  },
  dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })) },
  Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
}));
vi.mock('electron', () => electron);

import { appMenuTemplate, setupAppMenu } from './app-menu';

const showAbout = vi.fn();

/** Every role in a template, submenus included. */
function roles(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

function helpMenu(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.find((item) => item.role === 'help')!.submenu as MenuItemConstructorOptions[];
}

describe('appMenuTemplate', () => {
  it('has the usual menus, with the app menu and Close on macOS and Quit elsewhere', () => {
    const mac = roles(appMenuTemplate({ platform: 'darwin', development: false, showAbout }));
    expect(mac).toEqual(
      expect.arrayContaining(['appMenu', 'close', 'editMenu', 'windowMenu', 'help', 'togglefullscreen']),
    );
    const linux = roles(appMenuTemplate({ platform: 'linux', development: false, showAbout }));
    expect(linux).toContain('quit');
    expect(linux).not.toContain('appMenu');
    expect(linux).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']));
  });

  it('offers reload and DevTools only in development', () => {
    const developer = ['reload', 'forceReload', 'toggleDevTools'];
    expect(roles(appMenuTemplate({ platform: 'linux', development: true, showAbout }))).toEqual(
      expect.arrayContaining(developer),
    );
    const release = roles(appMenuTemplate({ platform: 'linux', development: false, showAbout }));
    for (const role of developer) expect(release).not.toContain(role);
  });

  it('opens the About dialog from Help', () => {
    const about = helpMenu(appMenuTemplate({ platform: 'win32', development: false, showAbout }))[0]!;
    expect(about.label).toBe('About Concurrency Lab');
    (about.click as () => void)();
    expect(showAbout).toHaveBeenCalled();
  });
});

describe('setupAppMenu', () => {
  it('installs the menu for a packaged app and sets the About panel', () => {
    setupAppMenu({
      iconPath: '/app/resources/icon.png',
      about: { historyFile: '/data/run-history.sqlite', logFile: '/data/logs/concurrency_results.log' },
      window: () => null,
    });
    expect(electron.app.setAboutPanelOptions).toHaveBeenCalledWith(
      expect.objectContaining({ applicationName: 'Concurrency Lab', iconPath: '/app/resources/icon.png' }),
    );
    const [panel] = electron.app.setAboutPanelOptions.mock.calls[0]! as [{ credits: string }];
    expect(panel.credits).toContain('Run history: /data/run-history.sqlite');
    const [template] = electron.Menu.buildFromTemplate.mock.calls[0]! as [MenuItemConstructorOptions[]];
    expect(roles(template)).not.toContain('toggleDevTools');
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith({ template });
  });

  it('shows the About dialog, with the data paths, from Help', () => {
    const [template] = electron.Menu.buildFromTemplate.mock.calls.at(-1)! as [MenuItemConstructorOptions[]];
    (helpMenu(template)[0]!.click as () => void)();
    const [options] = electron.dialog.showMessageBox.mock.calls.at(-1)! as unknown as [{ detail: string }];
    expect(options.detail).toContain('Results log: /data/logs/concurrency_results.log');
  });
});
