import { describe, expectTypeOf, it } from 'vitest';
import type { entryJson } from '../../src/http/admin-api/entries.json.ts';
import type { EntryJson } from '../../src/http/admin-console/assets/admin-api.types.d.ts';

// The admin page's scripts are plain JavaScript typed from admin-api.types.d.ts. This check runs in
// `tsc --noEmit -p .`: it fails when GET /api/admin/entries stops giving the page what its types promise.
describe('the admin entries JSON the admin page is typed against', () => {
  it('gives the page everything it reads from GET /api/admin/entries', () => {
    expectTypeOf<ReturnType<typeof entryJson>>().toExtend<EntryJson>();
  });
});
