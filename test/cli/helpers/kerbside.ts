/**
 * The kerbside command run from the TypeScript sources (under tsx), exactly as
 * bin/kerbside.js runs the compiled one: tests spawn it as a real process.
 */

import { main } from '../../../src/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`kerbside: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
