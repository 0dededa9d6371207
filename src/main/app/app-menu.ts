/** The application menu: the usual roles, DevTools and reload only in development, and an About panel. */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/** What the menu depends on, so it can be built for any platform in tests. */
export interface AppMenuOptions {
  readonly platform: NodeJS.Platform;
  /** Development builds get reload and DevTools. */
  readonly development: boolean;
}

/** The menu template for a platform. */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const developerItems: MenuItemConstructorOptions[] = options.development
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developerItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'About Concurrency Lab', click: () => app.showAboutPanel() }],
    },
  ];
}

/** Installs the application menu and the About panel's text and icon. */
export function setupAppMenu(options: { readonly iconPath: string }): void {
  app.setAboutPanelOptions({
    applicationName: 'Concurrency Lab',
    applicationVersion: app.getVersion(),
    copyright: 'MIT License',
    credits: 'Sequential, async, threads, GIL-style threads and processes, racing on the same work.',
    iconPath: options.iconPath,
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, development: !app.isPackaged })),
  );
}
