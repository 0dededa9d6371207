/** The application menu: the usual roles, DevTools and reload only in development, and About. */
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { aboutFacts, aboutText, showAboutDialog, type AboutPaths } from './about-dialog';

/** What the menu depends on, so it can be built for any platform in tests. */
export interface AppMenuOptions {
  readonly platform: NodeJS.Platform;
  /** Development builds get reload and DevTools. */
  readonly development: boolean;
  /** Opens the About dialog (Help → About). */
  readonly showAbout: () => void;
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
      submenu: [{ label: 'About Concurrency Lab', click: () => options.showAbout() }],
    },
  ];
}

/** What the menu needs from the app: its icon, where the data is kept, and the window to show About over. */
export interface AppMenuSetup {
  readonly iconPath: string;
  readonly about: AboutPaths;
  readonly window: () => BrowserWindow | null;
}

/** Installs the application menu, the About dialog (Help) and macOS's About panel (app menu). */
export function setupAppMenu(options: AppMenuSetup): void {
  const facts = aboutFacts(options.about);
  app.setAboutPanelOptions({
    applicationName: 'Concurrency Lab',
    applicationVersion: app.getVersion(),
    copyright: 'MIT License',
    credits: aboutText(facts).detail,
    iconPath: options.iconPath,
  });
  const showAbout = (): void => void showAboutDialog(options.window(), facts);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ platform: process.platform, development: !app.isPackaged, showAbout }),
    ),
  );
}
