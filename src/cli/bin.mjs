#!/usr/bin/env node
// Entry point of `npx cookie-audit`: runs the TypeScript CLI through tsx's loader (no separate build).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
await main(process.argv.slice(2));
