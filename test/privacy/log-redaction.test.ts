import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.ts';
import { Redactor } from '../../src/privacy/redactor.ts';

function capture(redact: boolean): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const logger = createLogger(
    'debug',
    { write: (line: string) => void lines.push(line) },
    redact ? new Redactor(['card', 'email', 'phone']) : undefined,
  );
  return { lines, logger };
}

describe('log redaction', () => {
  it.each([
    ['a message', (log: ReturnType<typeof createLogger>) => log.info('customer wrote 4111 1111 1111 1111')],
    ['a field', (log: ReturnType<typeof createLogger>) => log.debug({ text: 'mail sam@example.com' }, 'turn text')],
    [
      'a nested field',
      (log: ReturnType<typeof createLogger>) =>
        log.warn({ activity: { text: 'call +44 20 7946 0958' } }, 'odd activity'),
    ],
    [
      'an error message',
      (log: ReturnType<typeof createLogger>) => log.error({ err: new Error('bad input "4111111111111111"') }, 'failed'),
    ],
  ])('masks personal data in %s, and keeps every line valid JSON', (_where, write) => {
    const { lines, logger } = capture(true);
    write(logger);
    const out = lines.join('');
    expect(out).not.toMatch(/4111 1111 1111 1111|4111111111111111|sam@example\.com|7946 0958/);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    // Without a redactor the same line is written as it was (the test can fail).
    const plain = capture(false);
    write(plain.logger);
    expect(plain.lines.join('')).toMatch(/4111 1111 1111 1111|4111111111111111|sam@example\.com|7946 0958/);
  });

  it('keeps order numbers, amounts and ticket references in log lines', () => {
    const { lines, logger } = capture(true);
    logger.info(
      { ticket: 'T-1001', order: 'NW-123456', amount: '$1,234.56', at: '2026-12-07T12:00:00.000Z' },
      'ticket',
    );
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, string>;
    expect([line.ticket, line.order, line.amount, line.at]).toEqual([
      'T-1001',
      'NW-123456',
      '$1,234.56',
      '2026-12-07T12:00:00.000Z',
    ]);
  });
});
