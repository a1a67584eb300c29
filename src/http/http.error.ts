import { AppError } from '../shared/app.error.ts';

/** An error with an HTTP status, raised by routes for bad requests; its message is safe to return. */
export class HttpError extends AppError {
  readonly status: number;
  constructor(status: number, code: string, message: string) {
    super(code, message);
    this.status = status;
  }
}
