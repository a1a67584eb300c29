import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { configProblems } from '../helpers/config-problems.ts';

const cwd = '/srv/answerdesk';

describe('REPORT_TIMEZONE', () => {
  it.each([
    [{}, 'UTC'],
    [{ BUSINESS_TIMEZONE: 'America/New_York' }, 'America/New_York'],
    [{ BUSINESS_TIMEZONE: 'America/New_York', REPORT_TIMEZONE: '' }, 'America/New_York'],
    [{ BUSINESS_TIMEZONE: 'America/New_York', REPORT_TIMEZONE: 'Europe/Paris' }, 'Europe/Paris'],
    [{ REPORT_TIMEZONE: ' Asia/Kolkata ' }, 'Asia/Kolkata'],
  ])('reads %j as the report time zone %s', (env, zone) => {
    expect(loadConfig(env, cwd).reportTimeZone).toBe(zone);
  });

  it.each([['Mars/Olympus_Mons'], ['EST5EDT,M3'], ['not a zone']])('refuses %j, naming the variable', (zone) => {
    expect(configProblems({ REPORT_TIMEZONE: zone }, cwd)).toContain(
      `REPORT_TIMEZONE: "${zone}" is not an IANA time zone like America/New_York`,
    );
  });
});
