#!/usr/bin/env node
// The package's command: the compiled CLI lives in dist/ (built by `npm run build`, run by
// `npm ci` through the prepare script).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`kerbside: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
