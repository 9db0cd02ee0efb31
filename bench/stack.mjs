// Generates the same layered stack for hitch and for docker-compose v1 (links + expose).
// N services in D levels; each service above level 0 links 1–2 services of the level below.
// Every service listens on its exposed port, so readiness is real for hitch.

const IMAGE = 'hitch-test/busybox:1';
export const ALT_IMAGE = 'hitch-bench/busybox:alt'; // same content, another image id: a real image change

function name(i) {
  return `s${String(i).padStart(4, '0')}`;
}

/** levels[l] = service indexes at level l; a chain is D = N. */
function levels(n, depth) {
  const out = Array.from({ length: depth }, () => []);
  for (let i = 0; i < n; i++) out[Math.floor((i * depth) / n)].push(i);
  return out;
}

/** Deterministic: service i links its level-below neighbours i mod k and (i+1) mod k when i is even. */
function linksOf(lv, l, pos) {
  if (l === 0) return [];
  const below = lv[l - 1];
  const first = below[pos % below.length];
  const second = below[(pos + 1) % below.length];
  return pos % 2 === 0 && second !== first ? [first, second] : [first];
}

export function stack(n, depth) {
  const lv = levels(n, depth);
  const services = [];
  lv.forEach((members, l) =>
    members.forEach((i, pos) => services.push({ name: name(i), links: linksOf(lv, l, pos).map(name), leaf: l === 0 })),
  );
  return services.sort((a, b) => a.name.localeCompare(b.name));
}

export function firstLeaf(services) {
  return services.find((s) => s.leaf).name;
}

function imageOf(s, changedLeaf) {
  return s.name === changedLeaf ? ALT_IMAGE : IMAGE;
}

export function hitchYaml(project, services, changedLeaf, subnet) {
  const lines = [`name: ${project}`, ...(subnet ? [`subnet: ${subnet}`] : []), 'services:'];
  for (const s of services) {
    lines.push(`  ${s.name}:`, `    image: ${imageOf(s, changedLeaf)}`, '    expose: ["8000"]');
    lines.push('    command: ["httpd", "-f", "-p", "8000"]', '    stop_signal: SIGKILL');
    if (s.links.length) lines.push(`    links: [${s.links.join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}

export function composeYaml(services, changedLeaf) {
  const lines = ["version: '2.4'", 'services:'];
  for (const s of services) {
    lines.push(`  ${s.name}:`, `    image: ${imageOf(s, changedLeaf)}`, '    expose: ["8000"]');
    lines.push('    command: ["httpd", "-f", "-p", "8000"]', '    stop_signal: SIGKILL');
    if (s.links.length) lines.push(`    links: [${s.links.join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}
