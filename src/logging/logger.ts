import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './log-level.ts';

export type { Logger } from 'pino';

/** What masks a log line (`src/privacy`'s redactors fit; logging imports no layer, so it is spelled out here). */
export interface LineRedactor {
  redact(text: string): { readonly text: string };
}

/**
 * Structured JSON logger (pino). Strings are JSON-escaped by pino, so untrusted text cannot forge
 * log lines; even so, message text is only logged at `debug`. With a `redactor`, every line is
 * redacted as written (card numbers, emails, phone numbers, the admins' patterns), whatever field
 * or error message carried the text.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream, redactor?: LineRedactor): Logger {
  return pino(
    {
      level,
      base: { service: 'answerdesk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers.authorization', '*.appPassword', 'token'], censor: '[redacted]' },
      ...(redactor === undefined ? {} : { hooks: { streamWrite: (line: string) => redactor.redact(line).text } }),
    },
    destination,
  );
}
