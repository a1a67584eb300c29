import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { describeBackAt } from '../../src/hours/back-at.format.ts';
import { parseBusinessHours } from '../../src/hours/business-hours.parser.ts';
import type { BusinessHours } from '../../src/hours/business-hours.ts';
import { teamAvailability } from '../../src/hours/team-availability.ts';

function hours(spec: string, timeZone: string, holidays = ''): BusinessHours {
  const parsed = parseBusinessHours({ hours: spec, timeZone, holidays });
  if (parsed.kind !== 'ok') throw new Error(`bad test hours: ${JSON.stringify(parsed)}`);
  return parsed.hours;
}

/** A New York shop: weekdays 8-20, Saturday 9-17, closed Sunday, Christmas and New Year off. */
const NEW_YORK = hours('Mon-Fri 08:00-20:00, Sat 09:00-17:00', 'America/New_York', '2026-12-25 2027-01-01');
/** A Berlin team with a lunch break, and a late Friday. */
const BERLIN = hours('Mon-Thu 09:00-12:30 13:30-17:00; Fri 09:00-24:00', 'Europe/Berlin', '2027-04-05');
/** A Sydney team that works Saturday-Monday only (a wrapping range). */
const SYDNEY = hours('Sat-Mon 10:00-16:00', 'Australia/Sydney');
/** Tokyo, every day. */
const TOKYO = hours('Mon-Sun 00:00-24:00', 'Asia/Tokyo', '2027-01-01');

describe('teamAvailability', () => {
  it.each([
    // [hours, UTC instant, expected: 'open' or the next opening as a UTC instant]
    ['New York, Monday 07:59 EST', NEW_YORK, '2026-12-07T12:59:00Z', '2026-12-07T13:00:00Z'],
    ['New York, Monday 08:00 EST (opening minute)', NEW_YORK, '2026-12-07T13:00:00Z', 'open'],
    ['New York, Monday noon', NEW_YORK, '2026-12-07T17:00:00Z', 'open'],
    ['New York, Monday 19:59', NEW_YORK, '2026-12-08T00:59:00Z', 'open'],
    ['New York, Monday 20:00 (closing minute)', NEW_YORK, '2026-12-08T01:00:00Z', '2026-12-08T13:00:00Z'],
    ['New York, Friday night', NEW_YORK, '2026-12-12T03:00:00Z', '2026-12-12T14:00:00Z'],
    ['New York, Saturday 16:59', NEW_YORK, '2026-12-12T21:59:00Z', 'open'],
    ['New York, Saturday 17:00', NEW_YORK, '2026-12-12T22:00:00Z', '2026-12-14T13:00:00Z'],
    ['New York, Sunday', NEW_YORK, '2026-12-13T16:00:00Z', '2026-12-14T13:00:00Z'],
    ['New York, Christmas Day (a Friday)', NEW_YORK, '2026-12-25T15:00:00Z', '2026-12-26T14:00:00Z'],
    ['New York, Christmas Eve evening', NEW_YORK, '2026-12-25T01:30:00Z', '2026-12-26T14:00:00Z'],
    ['New York, New Year (Friday) then the weekend', NEW_YORK, '2027-01-01T18:00:00Z', '2027-01-02T14:00:00Z'],
    ['New York, Sunday before the spring DST change', NEW_YORK, '2027-03-14T12:00:00Z', '2027-03-15T12:00:00Z'],
    ['New York, Monday 08:30 EDT after the DST change', NEW_YORK, '2027-03-15T12:30:00Z', 'open'],
    ['Berlin, Tuesday lunch break', BERLIN, '2026-12-08T11:45:00Z', '2026-12-08T12:30:00Z'],
    ['Berlin, Tuesday 13:30 (after lunch)', BERLIN, '2026-12-08T12:30:00Z', 'open'],
    ['Berlin, Friday 23:59', BERLIN, '2026-12-11T22:59:00Z', 'open'],
    ['Berlin, Saturday 00:00', BERLIN, '2026-12-11T23:00:00Z', '2026-12-14T08:00:00Z'],
    ['Berlin, Easter Monday holiday, summer time', BERLIN, '2027-04-05T09:00:00Z', '2027-04-06T07:00:00Z'],
    ['Sydney, Sunday 10:00 AEDT', SYDNEY, '2026-12-12T23:00:00Z', 'open'],
    ['Sydney, Monday 16:00', SYDNEY, '2026-12-14T05:00:00Z', '2026-12-18T23:00:00Z'],
    ['Sydney, Wednesday', SYDNEY, '2026-12-16T03:00:00Z', '2026-12-18T23:00:00Z'],
    ['Tokyo, any normal day', TOKYO, '2026-12-16T03:00:00Z', 'open'],
    ['Tokyo, New Year holiday', TOKYO, '2026-12-31T16:00:00Z', '2027-01-01T15:00:00Z'],
  ])('%s', (_name, schedule, at, expected) => {
    const availability = teamAvailability(schedule, new Date(at));
    if (expected === 'open') expect(availability).toEqual({ kind: 'open' });
    else expect(availability).toEqual({ kind: 'closed', backAt: new Date(expected) });
  });

  it('is always open without configured hours, and never in sight when a long holiday run covers every opening', () => {
    expect(teamAvailability(undefined, new Date('2026-12-13T03:00:00Z'))).toEqual({ kind: 'open' });
    const days = Array.from({ length: 500 }, (_, i) => new Date(Date.UTC(2026, 11, 1 + i)).toISOString().slice(0, 10));
    const away = hours('Mon-Fri 09:00-17:00', 'UTC', days.join(','));
    expect(teamAvailability(away, new Date('2026-12-07T10:00:00Z'))).toEqual({ kind: 'closed', backAt: undefined });
  });

  it.each([
    ['2026-12-07T13:00:00Z', 'America/New_York', 'Monday, December 7 at 8:00 AM EST'],
    ['2027-03-15T12:00:00Z', 'America/New_York', 'Monday, March 15 at 8:00 AM EDT'],
    ['2026-12-14T08:00:00Z', 'Europe/Berlin', 'Monday, December 14 at 9:00 AM GMT+1'],
    ['2026-12-18T23:00:00Z', 'Australia/Sydney', 'Saturday, December 19 at 10:00 AM GMT+11'],
  ])('says %s in %s as "%s"', (at, zone, text) => {
    expect(describeBackAt(new Date(at), zone)).toBe(text);
  });
});

describe('parseBusinessHours', () => {
  it.each([
    ['Mon-Fri 08:00-20:00', 'UTC', '', [1, 2, 3, 4, 5]],
    ['monday 9:00-17:00; Saturday 10:00-12:00', 'Europe/Paris', '', [1, 6]],
    ['Fri-Mon 10:00-16:00', 'Australia/Sydney', '2026-12-26', [0, 1, 5, 6]],
    ['Tue 09:00-12:00 13:00-17:00, Thurs 09:00-24:00', 'Asia/Kolkata', '2027-01-26, 2027-08-15', [2, 4]],
  ])('reads "%s" in %s', (spec, zone, holidays, openDays) => {
    const parsed = parseBusinessHours({ hours: spec, timeZone: zone, holidays });
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(parsed.hours.timeZone).toBe(zone);
    expect(parsed.hours.week.flatMap((day, i) => (day.length > 0 ? [i] : []))).toEqual(openDays);
  });

  it.each([
    ['Mon-Fry 09:00-17:00', 'UTC', '', /"Mon-Fry".*not a weekday/],
    ['Monster 09:00-17:00', 'UTC', '', /"Monster".*not a weekday/],
    ['Mon 17:00-09:00', 'UTC', '', /"17:00-09:00".*end after start/],
    ['Mon 09:00-25:00', 'UTC', '', /"09:00-25:00"/],
    ['Mon 9-17', 'UTC', '', /"9-17"/],
    ['Mon', 'UTC', '', /"Mon" has no opening time/],
    ['Mon 09:00-13:00 12:00-17:00', 'UTC', '', /Mon overlap/],
    ['Mon-Fri 09:00-17:00', 'Mars/Olympus_Mons', '', /BUSINESS_TIMEZONE.*"Mars\/Olympus_Mons"/],
    ['Mon-Fri 09:00-17:00', 'UTC', '2026-02-30', /BUSINESS_HOLIDAYS: "2026-02-30"/],
    ['Mon-Fri 09:00-17:00', 'UTC', '25/12/2026', /BUSINESS_HOLIDAYS: "25\/12\/2026"/],
    ['', 'UTC', '2026-12-25', /BUSINESS_HOLIDAYS needs BUSINESS_HOURS/],
  ])('refuses "%s" (zone %s, holidays "%s") and says what is wrong', (spec, zone, holidays, problem) => {
    const parsed = parseBusinessHours({ hours: spec, timeZone: zone, holidays });
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind !== 'invalid') return;
    expect(parsed.problems.join('\n')).toMatch(problem);
  });

  it('means "always there" when no hours are configured', () => {
    expect(parseBusinessHours({ hours: '', timeZone: '', holidays: '' })).toEqual({ kind: 'none' });
  });

  it('is read by loadConfig, which reports every business-hours problem in one error', () => {
    const config = loadConfig({ BUSINESS_HOURS: 'Mon-Fri 08:00-20:00', BUSINESS_TIMEZONE: 'America/New_York' });
    expect(config.businessHours?.timeZone).toBe('America/New_York');
    expect(loadConfig({}).businessHours).toBeUndefined();
    expect(() =>
      loadConfig({
        BUSINESS_HOURS: 'Mon-Fry 08:00-20:00',
        BUSINESS_TIMEZONE: 'Nowhere/City',
        BUSINESS_HOLIDAYS: 'xmas',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          expect.stringContaining('BUSINESS_TIMEZONE'),
          expect.stringContaining('BUSINESS_HOLIDAYS'),
          expect.stringContaining('BUSINESS_HOURS'),
        ]),
      }),
    );
  });
});
