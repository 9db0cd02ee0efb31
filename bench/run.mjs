// `npm run bench`: hitch against docker-compose v1 (Debian's package) on the same engine, alternating,
// medians over RUNS runs, and hitch against the floor (bench/floor.mjs). Prints a Markdown report.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { floorDown, floorUp } from './floor.mjs';
import { ALT_IMAGE, composeYaml, firstLeaf, hitchYaml, stack } from './stack.mjs';
import { fmt, measureCommand, median } from './timing.mjs';
import { bigManifestTimes, coldStartTimes } from './cold.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CASES = (process.env.BENCH_CASES ?? '10x5,30x5,30x30,100x5').split(',').map((c) => c.split('x').map(Number));
const HITCH = join(import.meta.dirname, '..', 'bin', 'hitch.js');
const WORK = join(tmpdir(), 'hitch-bench');

// dockerd 20.10 can keep a stale endpoint count after heavy churn (moby#42119): compose's `down` then
// fails to remove its network. That run is measured as it went and flagged; compose reuses the network.
const STALE_ENDPOINTS = /active endpoints/;
const hitch = (file, ...args) => measureCommand('node', [HITCH, '-f', file, ...args]);
const compose = (file, project, ...args) => measureCommand('docker-compose', ['-f', file, '-p', project, ...args], { tolerate: STALE_ENDPOINTS });

function ensureAltImage() {
  const dir = join(WORK, 'alt');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), 'FROM hitch-test/busybox:1\nLABEL io.hitch.bench=alt\n');
  execFileSync('docker', ['build', '-q', '-t', ALT_IMAGE, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: 'ignore' });
}

function files(n, d) {
  const dir = join(WORK, `n${n}d${d}`);
  mkdirSync(dir, { recursive: true });
  const services = stack(n, d);
  const leaf = firstLeaf(services);
  const paths = { dir, hitch: join(dir, 'hitch.yaml'), hitchAlt: join(dir, 'hitch-alt.yaml'), compose: join(dir, 'compose.yaml'), composeAlt: join(dir, 'compose-alt.yaml') };
  const project = `bench-n${n}d${d}`;
  writeFileSync(paths.hitch, hitchYaml(project, services));
  writeFileSync(paths.hitchAlt, hitchYaml(project, services, leaf));
  writeFileSync(paths.compose, composeYaml(services));
  writeFileSync(paths.composeAlt, composeYaml(services, leaf));
  return { ...paths, hitchProject: project, composeProject: `${project}c` };
}

/** One run of the four operations for one tool. */
function cycle(t, f) {
  const isHitch = t === 'hitch';
  const up = (alt) => (isHitch ? hitch(alt ? f.hitchAlt : f.hitch, 'up') : compose(alt ? f.composeAlt : f.compose, f.composeProject, 'up', '-d'));
  const r = { up: up(false), noop: up(false), change: up(true) };
  r.down = isHitch ? hitch(f.hitch, 'down') : compose(f.compose, f.composeProject, 'down');
  return r;
}

async function measureCase(n, d) {
  const f = files(n, d);
  hitch(f.hitch, 'down');
  compose(f.compose, f.composeProject, 'down');
  const samples = { hitch: [], compose: [], floorUp: [], floorDown: [] };
  const flagged = [];
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 ? ['compose', 'hitch'] : ['hitch', 'compose'];
    for (const t of order) {
      const r = cycle(t, f);
      for (const [op, m] of Object.entries(r)) if (m.failed) flagged.push(`${t} ${op} (run ${run + 1}): ${m.failed}`);
      samples[t].push(r);
    }
    samples.floorUp.push(await floorUp(f.hitch));
    samples.floorDown.push(await floorDown(f.hitchProject));
  }
  const med = (t, op, what = 'ms') => median(samples[t].map((s) => s[op][what]));
  const both = (op, what) => ({ hitch: med('hitch', op, what), compose: med('compose', op, what) });
  return {
    n, d, flagged,
    ops: Object.fromEntries(['up', 'down', 'noop', 'change'].map((op) => [op, both(op, 'ms')])),
    cpu: Object.fromEntries(['up', 'down', 'noop', 'change'].map((op) => [op, both(op, 'cpuMs')])),
    floor: { up: median(samples.floorUp), down: median(samples.floorDown) },
  };
}

function verdicts(results, cold, big) {
  const at = (n, d) => results.find((r) => r.n === n && r.d === d);
  const out = [];
  for (const r of results) {
    const { up, down } = r.ops;
    const upOk = r.n >= 30 ? up.hitch < up.compose : up.hitch <= up.compose;
    out.push([`up from nothing, N=${r.n} D=${r.d}: ${r.n >= 30 ? 'faster than' : 'no slower than'} compose`, upOk, `${fmt(up.hitch)} vs ${fmt(up.compose)}`]);
    out.push([`down, N=${r.n} D=${r.d}: faster than compose`, down.hitch < down.compose, `${fmt(down.hitch)} vs ${fmt(down.compose)}`]);
    out.push([`change one leaf, N=${r.n} D=${r.d}: ≥3× faster than compose`, r.ops.change.compose / r.ops.change.hitch >= 3, `${fmt(r.ops.change.hitch)} vs ${fmt(r.ops.change.compose)}`]);
  }
  const n30 = at(30, 5);
  if (n30) {
    const { noop } = n30.ops;
    out.push(['no-op up, N=30: under 0.5 s', noop.hitch < 500, fmt(noop.hitch)]);
    out.push(['no-op up, N=30: ≥5× faster than compose', noop.compose / noop.hitch >= 5, `${fmt(noop.hitch)} vs ${fmt(noop.compose)}`]);
  }
  out.push(['plan of 1000 services: under 0.5 s', big.plan < 500, fmt(big.plan)]);
  out.push(['hitch --version: under 150 ms', cold.hitch < 150, `${fmt(cold.hitch)} (docker-compose version: ${fmt(cold.compose)})`]);
  return out;
}

function report(results, cold, big) {
  const lines = [`runs per figure: ${RUNS} (medians); engine and both tools on this machine, alternating`, ''];
  lines.push('CPU: busy time of the whole machine during the command (the tool itself and the engine working for it).', '');
  lines.push(
    '| N | D | op | hitch | compose | hitch/compose | floor | hitch/floor | CPU hitch | CPU compose |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of results) {
    for (const op of ['up', 'down', 'noop', 'change']) {
      const { hitch: h, compose: c } = r.ops[op];
      const floor = r.floor[op];
      const cpu = r.cpu[op];
      lines.push(
        `| ${r.n} | ${r.d} | ${op} | ${fmt(h)} | ${fmt(c)} | ${(h / c).toFixed(2)} | ${floor ? fmt(floor) : ''} | ${floor ? (h / floor).toFixed(2) : ''} | ${fmt(cpu.hitch)} | ${fmt(cpu.compose)} |`,
      );
    }
  }
  for (const r of results) for (const f of r.flagged) lines.push('', `N=${r.n} D=${r.d}: measured although it failed: ${f}`);
  lines.push('', `validate 1000 services: ${fmt(big.validate)}; plan 1000 services: ${fmt(big.plan)}`);
  lines.push(`cold start: hitch --version ${fmt(cold.hitch)}, docker-compose version ${fmt(cold.compose)}`, '', '| target | met | figure |', '|---|---|---|');
  for (const [what, ok, fig] of verdicts(results, cold, big)) lines.push(`| ${what} | ${ok ? 'yes' : 'NO'} | ${fig} |`);
  return lines.join('\n');
}

rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
ensureAltImage();
const cold = coldStartTimes(HITCH, RUNS * 2);
const big = bigManifestTimes(HITCH, WORK, RUNS);
const results = [];
for (const [n, d] of CASES) {
  process.stderr.write(`bench: N=${n} D=${d}…\n`);
  // One case failing (an engine fault, a peer's error) must not lose the others: say so and go on.
  try {
    results.push(await measureCase(n, d));
    process.stderr.write(report(results.slice(-1), cold, big) + '\n');
  } catch (err) {
    process.stderr.write(`bench: N=${n} D=${d} not measured: ${String(err.message).split('\n')[0]}\n`);
  }
}
process.stdout.write(report(results, cold, big) + '\n');
