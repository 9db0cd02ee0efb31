#!/usr/bin/env node
// The CLI as bundled by `npm run build` (scripts/bundle-cli.mjs says why).
import { main } from '../dist/cli-bundle/main.js';

await main(process.argv);
