// Shared by the link-env tests: port specs from strings, a linkEnv input, the four variables every port gets.
import type { PortSpec, Protocol } from '../../../src/manifest/model.js';
import type { LinkEnvInput } from '../../../src/plan/link-env.js';

export const sorted = (xs: string[]) => [...xs].sort();

/** "6379", "53/udp" → PortSpec */
export function ports(...specs: string[]): PortSpec[] {
  return specs.map((s) => {
    const [port, proto = 'tcp'] = s.split('/');
    return { port: Number(port), proto: proto as Protocol };
  });
}

export function input(overrides: Partial<LinkEnvInput>): LinkEnvInput {
  return { alias: 'db', parentName: 'web', ip: '10.0.0.2', ports: [], env: [], dialect: 'modern', ...overrides };
}

/** The four variables every port gets. */
export function four(a: string, ip: string, port: number, proto: string): string[] {
  const x = `${a}_PORT_${port}_${proto.toUpperCase()}`;
  return [`${x}=${proto}://${ip}:${port}`, `${x}_ADDR=${ip}`, `${x}_PORT=${port}`, `${x}_PROTO=${proto}`];
}
