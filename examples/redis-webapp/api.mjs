// hitch as a library: plan, converge and tear down this folder's stack from code.
// In a hitch checkout: npm run build && node examples/redis-webapp/api.mjs [project]
import { fileURLToPath } from 'node:url';
import { down, load, plan, planText, up } from 'hitch';

const file = fileURLToPath(new URL('hitch.yaml', import.meta.url));
const manifest = await load(file, { project: process.argv[2] }); // throws ManifestError, every problem at once

console.log(planText(await plan(manifest))); // what up will do, and why

const started = await up(manifest, { onEvent: (e) => e.type === 'failed' && console.error(e.error.message) });
console.log(`up: ${started.ok ? 'ok' : 'failed'}, created ${started.summary.created.join(', ')}`);

const removed = await down(manifest); // or down('redis-webapp'): by project name, no manifest needed
console.log(`down: ${removed.ok ? 'ok' : 'failed'}, removed ${removed.summary.removed.join(', ')}`);
process.exitCode = started.ok && removed.ok ? 0 : 1;
