// The library's types as its README promises them: checked by `tsc -p test/tsconfig.json` (npm test runs it
// before vitest), where a missing option or export is a compile error; at run time these assert nothing more.
import { expectTypeOf, it } from 'vitest';
import type { ExecEvent, ImageEvent, LinkEnforcement, PlanOptions, UpResult } from '../../src/index.js';
import { plan, up } from '../../src/index.js';

it("plan takes up's planning options: services, noDeps, removeOrphans, forceRecreate and onWarning", () => {
  expectTypeOf<{ services: string[]; noDeps: true; removeOrphans: true; forceRecreate: true; onWarning: (m: string) => void }>().toMatchTypeOf<PlanOptions>();
  expectTypeOf(plan).parameter(1).toEqualTypeOf<Parameters<typeof plan>[1]>();
  expectTypeOf<PlanOptions>().toMatchTypeOf<NonNullable<Parameters<typeof plan>[1]>>();
});

it("up's hooks and result are typed with the exported event and link types", () => {
  expectTypeOf<NonNullable<Parameters<typeof up>[1]>['onEvent']>().toEqualTypeOf<((e: ExecEvent) => void) | undefined>();
  expectTypeOf<NonNullable<Parameters<typeof up>[1]>['onImage']>().parameter(0).toEqualTypeOf<ImageEvent>();
  expectTypeOf<UpResult['links']>().toEqualTypeOf<LinkEnforcement[]>();
});
