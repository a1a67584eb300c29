import { AppError } from '../shared/app.error.ts';

/** The ticket is solved or closed: an agent must reopen it before talking to the customer again. */
export class TicketClosedError extends AppError {
  constructor(reference: string, status: 'solved' | 'closed') {
    super('ticket_closed', `Ticket ${reference} is ${status}; reopen it before replying.`);
  }
}
