import { AppError } from '../shared/app.error.ts';
import type { CustomerReference } from './customer-reference.ts';

/** No customer has the id or email a privacy request names. */
export class CustomerNotFoundError extends AppError {
  constructor(readonly reference: CustomerReference) {
    super(
      'customer_not_found',
      reference.kind === 'id'
        ? `There is no customer with id ${reference.id}.`
        : 'There is no customer with that email address.',
    );
  }
}
