import type { EntryStats } from '../../insights/entry-stats.ts';

/**
 * One entry of `GET /api/admin/entries` as JSON: the entry's `id` under that name, every count,
 * rate and recent question as the service computed it. The admin page is typed against this
 * (`admin-api.types.d.ts`, checked by test/http/admin-entries-wire-types.test.ts).
 */
export function entryJson(stats: EntryStats) {
  const { entryId, ...rest } = stats;
  return { id: entryId, ...rest };
}
