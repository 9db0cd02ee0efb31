// Named volumes (compose: `<project>_<name>`): created once with the project's labels, never someone
// else's volume of the same name; a service's container waits for those it mounts.
import type { Service } from '../manifest/model.js';
import { UserError } from '../user-error.js';
import { sortedStrings } from './compare.js';
import type { PlanContext } from './injected.js';
import { LABEL, type Action } from './model.js';

/** The named volumes of the services in the plan. */
export function volumeActions(ctx: PlanContext, inPlan: (service: string) => boolean): Action[] {
  const { project, services } = ctx.manifest;
  const using = Object.values(services).filter((s) => inPlan(s.name));
  const names = sortedStrings(new Set(using.flatMap((s) => s.volumes.filter((v) => v.type === 'volume').map((v) => v.source))));
  // The engine would hand back a same-named volume as it is: hitch would mount data it does not own,
  // and plan the create again on every `up`.
  const foreign = names.map((n) => `${project}_${n}`).filter((full) => ctx.observed.foreignVolumes?.includes(full));
  if (foreign.length > 0) {
    throw new UserError(
      `volume ${foreign.join(', ')} already exists and was not made by hitch for project ${project}`,
      'remove or rename it (`docker volume rm NAME`), or copy its data into a new volume and name that one in the manifest',
    );
  }
  return names
    .filter((n) => !ctx.observed.volumes.includes(`${project}_${n}`))
    .map((n) => ({
      id: `volume:${n}`,
      kind: 'create-volume',
      cause: 'not found',
      waitsFor: [],
      volume: { name: `${project}_${n}`, labels: { [LABEL.project]: project, [LABEL.volume]: n } },
    }));
}

/** The volumes of `service` that the plan creates: its container waits for them. */
export function volumeIds(service: Service, planned: Set<string>): string[] {
  const ids = service.volumes.filter((v) => v.type === 'volume').map((v) => `volume:${v.source}`);
  return sortedStrings(new Set(ids.filter((id) => planned.has(id))));
}
