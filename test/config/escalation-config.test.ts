import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { configProblems } from '../helpers/config-problems.ts';

const cwd = '/srv/answerdesk';

const problemsOf = (env: Record<string, string>): readonly string[] => configProblems(env, cwd);

describe('loadConfig: escalation and agent webhooks', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, cwd);
    expect(config.publicUrl).toBe('');
    expect(config.escalation).toEqual({
      afterNoMatches: 2,
      afterUnhelpfulVotes: 2,
      sentimentBelow: -0.75,
      complaintSeverity: 'high',
    });
    expect(config.webhook).toEqual({
      url: '',
      format: 'generic',
      timeoutMs: 5000,
      maxAttempts: 6,
      backoffBaseMs: 10_000,
      pollIntervalMs: 15_000,
    });
    expect(Object.isFrozen(config.webhook)).toBe(true);
  });

  it('converts valid values and drops a trailing slash from URLs', () => {
    const config = loadConfig(
      {
        PUBLIC_URL: 'https://support.example.com/',
        ESCALATE_AFTER_NO_MATCHES: '3',
        ESCALATE_AFTER_UNHELPFUL_VOTES: '1',
        ESCALATE_SENTIMENT_BELOW: '-1.25',
        ESCALATE_COMPLAINT_SEVERITY: 'Critical',
        AGENT_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/xyz',
        AGENT_WEBHOOK_FORMAT: 'slack',
        WEBHOOK_TIMEOUT_MS: '2500',
        WEBHOOK_MAX_ATTEMPTS: '10',
        WEBHOOK_BACKOFF_BASE_MS: '500',
        WEBHOOK_POLL_INTERVAL_MS: '1000',
      },
      cwd,
    );
    expect(config.publicUrl).toBe('https://support.example.com');
    expect(config.escalation).toEqual({
      afterNoMatches: 3,
      afterUnhelpfulVotes: 1,
      sentimentBelow: -1.25,
      complaintSeverity: 'critical',
    });
    expect(config.webhook).toEqual({
      url: 'https://hooks.slack.com/services/T0/B0/xyz',
      format: 'slack',
      timeoutMs: 2500,
      maxAttempts: 10,
      backoffBaseMs: 500,
      pollIntervalMs: 1000,
    });
  });

  it('reports every bad escalation and webhook variable at once', () => {
    expect(
      problemsOf({
        PUBLIC_URL: 'support.example.com',
        ESCALATE_AFTER_NO_MATCHES: '0',
        ESCALATE_SENTIMENT_BELOW: '0.5',
        ESCALATE_COMPLAINT_SEVERITY: 'severe',
        AGENT_WEBHOOK_URL: 'ftp://hooks.example.com/x',
        AGENT_WEBHOOK_FORMAT: 'teams',
        WEBHOOK_MAX_ATTEMPTS: 'many',
      }),
    ).toEqual([
      'PUBLIC_URL must be an absolute http:// or https:// URL (got "support.example.com")',
      'ESCALATE_AFTER_NO_MATCHES must be a whole number from 1 to 100 (got "0")',
      'ESCALATE_SENTIMENT_BELOW must be a number from -5 to 0 (got "0.5")',
      'ESCALATE_COMPLAINT_SEVERITY must be one of low, medium, high, critical (got "severe")',
      'AGENT_WEBHOOK_URL must be an absolute http:// or https:// URL (got "ftp://hooks.example.com/x")',
      'AGENT_WEBHOOK_FORMAT must be one of generic, slack (got "teams")',
      'WEBHOOK_MAX_ATTEMPTS must be a whole number from 1 to 50 (got "many")',
    ]);
  });
});
