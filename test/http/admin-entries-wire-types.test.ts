import { describe, expectTypeOf, it } from 'vitest';
import type { conversationMessageJson } from '../../src/http/admin-api/conversation.routes.ts';
import type { entryJson } from '../../src/http/admin-api/entries.json.ts';
import type { ConversationMessageJson, EntryJson } from '../../src/http/admin-console/assets/admin-api.types.d.ts';

// The admin page's scripts are plain JavaScript typed from admin-api.types.d.ts. These checks run in
// `tsc --noEmit -p .`: they fail when the JSON the page reads stops matching what its types promise.
describe('the admin JSON the admin page is typed against', () => {
  it('gives the page everything it reads from GET /api/admin/entries and GET /api/admin/conversations/:id', () => {
    expectTypeOf<ReturnType<typeof entryJson>>().toExtend<EntryJson>();
    expectTypeOf<ReturnType<typeof conversationMessageJson>>().toExtend<ConversationMessageJson>();
  });
});
