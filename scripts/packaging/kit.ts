/** `npm run kit`: builds the offline workshop kit into dist/ and says how to install it. */
import { basename, join, relative } from 'node:path';
import { buildKit } from './build-kit';
import { projectDir } from './pack-app';

buildKit(join(projectDir, 'dist'))
  .then((kit) => {
    const name = basename(kit.tarball);
    console.log(
      [
        `Built ${relative(process.cwd(), kit.tarball)} (${(kit.bytes / 1024 / 1024).toFixed(1)} MB, ${kit.files} files).`,
        'Install it on any machine with Node 20 or newer, with no internet:',
        `  npm install -g ./${name} --offline`,
        'then: concurrency-lab run --scenario io-sleep | concurrency-lab serve | concurrency-lab scenarios',
      ].join('\n'),
    );
  })
  .catch((error: unknown) => {
    console.error(`npm run kit: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
