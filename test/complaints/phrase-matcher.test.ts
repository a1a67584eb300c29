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
    // Inflections: a cue written once finds its regular forms, and only words, not letters.
    [['shop elsewhere'], "I'm shopping elsewhere from now on", true],
    [['shop elsewhere'], 'she shops elsewhere', true],
    [['bad review'], 'leaving bad reviews everywhere', true],
    [['close my account'], 'closing my account today', true],
    [['cancel my account'], 'cancelling my account', true],
    [['stop working'], 'it keeps stopping working', true],
    [['reply'], 'no replies at all', true],
    // Not the past (a threat carried out is a report; "fee" is not "feed"), nor short words.
    [['contact my bank'], 'I contacted my bank', false],
    [['fee'], 'the news feed is broken', false],
    [['a refund'], 'as refund', false],
    [['the box'], 'thes box', false],
    [['fire'], 'firewall settings', false],
    // Numbers up to ten in digits or words, cardinal or ordinal, either way round.
    [['three times'], 'I clicked unsubscribe 3 times', true],
    [['3 times'], 'three times now', true],
    [['third time'], 'this is the 3rd time', true],
    [['3rd time'], 'the third time I ask', true],
    [['three times'], 'order 13 times', false],
    [['three times'], 'it cost 3.5 times more', false],
    [['404'], 'error 404', true],
  ])('with %j finds a match in %j: %s', (phrases, text, expected) => {
    expect(new PhraseMatcher(phrases).test(text)).toBe(expected);
  });
});
