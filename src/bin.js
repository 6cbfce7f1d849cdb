#!/usr/bin/env node
// The `briefdeck` command: runs the TypeScript sources through tsx, returns main()'s exit code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
