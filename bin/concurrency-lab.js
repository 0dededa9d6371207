#!/usr/bin/env node
'use strict';
// Runs the built CLI; `npm install` builds it (the "prepare" script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('concurrency-lab: the app is not built yet; run "npm run build" in ' + join(__dirname, '..'));
  process.exit(1);
}
require(cli);
