import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './log-level.ts';

export type { Logger } from 'pino';

/**
 * Structured JSON logger (pino). Strings are JSON-escaped by pino, so untrusted text cannot forge
 * log lines; even so, message text is only logged at `debug`.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'answerdesk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers.authorization', '*.appPassword', 'token'], censor: '[redacted]' },
    },
    destination,
  );
}
