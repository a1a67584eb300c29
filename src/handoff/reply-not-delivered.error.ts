import { AppError } from '../shared/app.error.ts';

/** An agent's reply did not reach the customer's chat: nothing was sent, nothing recorded, safe to retry. */
export class ReplyNotDeliveredError extends AppError {
  constructor(reference: string, cause: unknown) {
    super('delivery_failed', `The reply on ${reference} could not be delivered to the customer's chat`, {
      cause,
      userMessage: "The reply could not be delivered to the customer's chat; nothing was recorded. Try again.",
    });
  }
}
