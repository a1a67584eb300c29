import { describe, expectTypeOf, it } from 'vitest';
import type { agentApiJson } from '../../src/http/agent-api/agent-api.json.ts';
import type { CannedReply } from '../../src/http/agent-api/canned-replies.ts';
import type {
  AgentJson,
  CannedReplyJson,
  TicketDetailJson,
  TicketListItemJson,
} from '../../src/http/agent-console/assets/agent-api.types.d.ts';

// The console's scripts are plain JavaScript typed from agent-api.types.d.ts. These checks run in
// `tsc --noEmit -p .` (the typecheck and test scripts): they fail when the agent API's JSON stops
// giving the console what its types promise (a field renamed, a status added, a null allowed).
describe('the agent API JSON the console is typed against', () => {
  it('gives the console everything it reads from GET /me, GET /tickets and GET /tickets/:ref', () => {
    expectTypeOf<ReturnType<typeof agentApiJson.agent>>().toExtend<AgentJson>();
    expectTypeOf<ReturnType<typeof agentApiJson.ticketListItem>>().toExtend<TicketListItemJson>();
    expectTypeOf<ReturnType<typeof agentApiJson.ticketDetail>>().toExtend<TicketDetailJson>();
    expectTypeOf<CannedReply>().toExtend<CannedReplyJson>();
  });
});
