#!/usr/bin/env node
// Entry point of the installed `cookie-audit` command (compiled to dist-node/cli/bin.js).
import { main } from './main.ts';

await main(process.argv.slice(2));
