/**
 * Base class for every error the application raises on purpose.
 *
 * `code` is stable and machine-readable, `userMessage` is safe to show to a customer or an API
 * client, and `message` may carry detail meant for logs only. Edges (HTTP error middleware, the
 * bot's `onTurnError`, the CLI) translate these; anything that is not an `AppError` is a bug and is
 * logged, never echoed.
 */
export class AppError extends Error {
  readonly code: string;
  readonly userMessage: string;

  constructor(code: string, message: string, options: { userMessage?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.userMessage = options.userMessage ?? message;
  }
}

/** Input that failed validation; `problems` lists every problem found, not only the first. */
export class ValidationError extends AppError {
  readonly problems: readonly string[];

  constructor(what: string, problems: readonly string[], options: { cause?: unknown } = {}) {
    super('validation_failed', `${what}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, options);
    this.problems = problems;
  }
}
