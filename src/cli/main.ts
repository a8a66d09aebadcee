#!/usr/bin/env node
/**
 * Entry point of the `spotlight` command (package.json `bin`).
 */

import { processContext } from './context.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), processContext());
