import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../src/complaints/phrase-matcher.ts';

describe('PhraseMatcher', () => {
  it.each([
    [['caught fire'], 'The charger CAUGHT FIRE last night', true],
    [['caught fire'], 'it caught\n  fire', true],
    [['burn*'], 'it burned my hand', true],
    [['burn*'], 'a sunburn', false],
    [['fire'], 'firewall settings', false],
    [['fire'], 'on fire!', true],
    [["won't work"], 'it wont work', true],
    [["won't work"], 'it won’t work', true],
    [['dispute* with my bank'], 'I am disputing with my bank', false],
    [['dispute* with my bank'], 'I will be disputing it... no: disputes with my bank', true],
    [['refund*'], 'REFUNDED', true],
    [['a&e'], 'ended up in A&E', true],
    [['404'], 'error 404 on the page', true],
    [['404'], 'order 14045', false],
    [[], 'anything', false],
  ])('with %j finds a match in %j: %s', (phrases, text, expected) => {
    expect(new PhraseMatcher(phrases).test(text)).toBe(expected);
  });
});
