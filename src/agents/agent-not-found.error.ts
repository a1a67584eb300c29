import { AppError } from '../shared/app.error.ts';

/** No agent matches the given id or email. */
export class AgentNotFoundError extends AppError {
  constructor(readonly idOrEmail: string) {
    super('agent_not_found', `There is no agent with id or email "${idOrEmail}".`);
  }
}
