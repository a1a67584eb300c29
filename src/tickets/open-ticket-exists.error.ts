import { AppError } from '../shared/app.error.ts';

/**
 * A solved or closed ticket cannot be reopened while its conversation has another open ticket (a
 * conversation has at most one): the agent should work in that one. The HTTP edge answers 409.
 */
export class OpenTicketExistsError extends AppError {
  constructor(reference: string, openReference: string) {
    super(
      'open_ticket_exists',
      `Ticket ${reference} cannot be reopened: its conversation already has the open ticket ${openReference}. Continue there.`,
    );
  }
}
