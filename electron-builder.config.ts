/**
 * How the desktop app is packaged (electron-builder): what goes into app.asar, what stays outside it,
 * the installers per platform, and the Electron fuses flipped at package time. `npm run dist` builds
 * with it (scripts/packaging/dist.ts); the packed-layout test packs with it too.
 */
import type { Configuration } from 'electron-builder';

/**
 * Files inside runtime dependencies that Node never loads, left out of the package and the offline
 * kit: TypeScript sources, type declarations, tests, maps, docs and the packages' own dev configs
 * (zod ships sources and tests, sql.js its ESLint config), and the
 * builds of SQLite that sql.js ships beside the one the engine loads (`dist/sql-wasm.js` +
 * `dist/sql-wasm.wasm`): asm.js, debug, browser, worker and inline builds and zips of them, ~28 MB.
 */
export const dependencyFilesNeverLoaded: readonly string[] = [
  'node_modules/**/*.{ts,mts,cts,map,md}',
  'node_modules/**/{test,tests,__tests__}/**',
  'node_modules/**/{.*,eslint.config.*}',
  'node_modules/sql.js/dist/*.zip',
  'node_modules/sql.js/dist/*-debug*',
  'node_modules/sql.js/dist/*sql-asm*',
  'node_modules/sql.js/dist/*-browser*',
  'node_modules/sql.js/dist/*-inline*',
  'node_modules/sql.js/dist/worker.*',
  'node_modules/sql.js/.devcontainer/**',
];

/**
 * Folders (`dir/**`, matched against the source path) whose files a non-Electron program reads or
 * runs (the Python harness): they must be real files on disk,
 * so they go to `app.asar.unpacked/` beside the archive (see `outsideAsar` in src/main/engine/models/asar-path.ts).
 */
export const unpackedFiles: readonly string[] = ['resources/python/**'];

/** The electron-builder configuration. */
const config: Configuration = {
  appId: 'org.concurrencylab.desktop',
  productName: 'Concurrency Lab',
  copyright: 'Copyright © Concurrency Lab contributors. MIT License.',
  // The version comes from package.json; the license (MIT) too.
  directories: { output: 'dist' },
  // Everything the build emits (main, every thread/process host and its chunks, preload, renderer),
  // so a new entry in electron.vite.config.ts is packaged without a change here; runtime resources
  // (the icon, the Python harness); production dependencies are added by electron-builder itself.
  files: [
    'package.json',
    'out/**/*',
    'resources/**/*',
    '!**/*.map',
    // Python's bytecode caches, left behind wherever the harness ran in the working tree.
    '!**/__pycache__/**',
    '!**/*.pyc',
    // Build-time only: the icon's generator script and its vector source.
    '!resources/*.{mjs,svg}',
    ...dependencyFilesNeverLoaded.map((pattern) => `!${pattern}`),
  ],
  asar: true,
  asarUnpack: [...unpackedFiles],
  // No native modules (SQLite is WebAssembly): nothing to rebuild for Electron.
  npmRebuild: false,
  nodeGypRebuild: false,
  // Installers are attached to a release by the workflow, never published from here.
  publish: null,
  electronFuses: {
    // ELECTRON_RUN_AS_NODE is ignored: the app binary cannot be used as a plain Node. The app spawns
    // its processes with utilityProcess (src/main/app/utility-process-spawner.ts), never child_process.fork.
    runAsNode: false,
    // Chromium's cookie store is encrypted with the OS keychain (the app sets no cookies; defence in depth).
    enableCookieEncryption: true,
    // NODE_OPTIONS is ignored: no environment variable can inject code or flags into the app.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect and friends are ignored: no debugger can be attached from the command line.
    enableNodeCliInspectArguments: false,
    // app.asar is checked against the hash embedded at package time (macOS and Windows; Linux has no support).
    enableEmbeddedAsarIntegrityValidation: true,
    // The app is loaded only from app.asar, never from a loose `app/` folder beside it.
    onlyLoadAppFromAsar: true,
    // No custom V8 snapshot is shipped.
    loadBrowserProcessSpecificV8Snapshot: false,
    // The renderer is served from app://, so file:// keeps no extra privileges.
    grantFileProtocolExtraPrivileges: false,
  },
  artifactName: '${name}-${version}-${os}-${arch}.${ext}',
  linux: {
    // deb is the main Linux package; the AppImage needs libfuse2 on recent Ubuntu.
    target: ['deb', 'AppImage'],
    icon: 'resources/icon.png',
    category: 'Education',
    // Not `concurrency-lab`: that is the command-line tool's name (npm install -g, the offline kit).
    executableName: 'concurrency-lab-desktop',
    synopsis: 'See and measure concurrency models live',
    maintainer: 'Concurrency Lab contributors',
  },
  deb: { artifactName: '${name}_${version}_${arch}.${ext}' },
  win: {
    // An installer, and a zip that runs from any folder for labs without admin rights.
    target: ['nsis', 'zip'],
    icon: 'resources/icon.png',
  },
  // Per-user install: no administrator rights needed; the user may choose the folder.
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${name}-${version}-win-${arch}-setup.${ext}',
  },
  mac: {
    target: ['dmg', 'zip'],
    icon: 'resources/icon.png',
    category: 'public.app-category.education',
  },
};

export default config;
