// One short human title per action, shared by the listr2 and plain reporters.
import type { Action } from '../plan/model.js';

export function describe(a: Action): string {
  switch (a.kind) {
    case 'create-network':
      return `create network ${a.network.name} (${a.network.subnet})`;
    case 'create-volume':
      return `create volume ${a.volume.name}`;
    case 'create-container':
    case 'recreate-container': {
      const verb = a.kind === 'create-container' ? 'create' : 'recreate';
      const where = a.container.network ? ` at ${a.container.network.ip}` : '';
      return `${verb} ${a.container.role} ${a.container.name}${where}`;
    }
    case 'start-container':
      return `start ${a.role} ${a.name}`;
    case 'restart-container':
      return `restart ${a.role} ${a.name}`;
    case 'update-firewall':
      return a.stopped ? `record the firewall of ${a.service} for its next start` : `update firewall of ${a.service}`;
    case 'await-ready':
      return `wait for ${a.service} to be ready (from ${a.from})`;
    case 'connect-external':
      return `attach external ${a.container} at ${a.ip}`;
    case 'disconnect-external':
      return `detach external ${a.container}`;
    case 'remove-container':
      return `remove ${a.name}`;
    case 'remove-network':
      return `remove network ${a.name}`;
    case 'remove-volume':
      return `remove volume ${a.name}`;
  }
}
