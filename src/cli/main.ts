#!/usr/bin/env node
/**
 * Entry point of the `spotlight` command (package.json `bin`).
 */

import { processContext } from './context.js';
import { runCli } from './program.js';

// A reader that stops early (`spotlight evaluate ... | head`) closes the pipe; that ends the
// output, it is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processContext());
