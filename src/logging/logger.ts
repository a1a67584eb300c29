import { type DestinationStream, type Logger, pino } from 'pino';
import type { TextRedactor } from '../privacy/redaction.ts';
import type { LogLevel } from './log-level.ts';

export type { Logger } from 'pino';

/**
 * Structured JSON logger (pino). Strings are JSON-escaped by pino, so untrusted text cannot forge
 * log lines; even so, message text is only logged at `debug`. With a `redactor`, every line is
 * redacted as written (card numbers, emails, phone numbers, the admins' patterns), whatever field
 * or error message carried the text.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream, redactor?: TextRedactor): Logger {
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
