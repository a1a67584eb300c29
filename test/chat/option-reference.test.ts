import { describe, expect, it } from 'vitest';
import { optionReference } from '../../src/chat/option-reference.ts';

describe('optionReference', () => {
  it.each([
    ['1', 0],
    ['2', 1],
    ['#3', 2],
    ['number 2', 1],
    ['no. 2', 1],
    ['option two', 1],
    ['the second one', 1],
    ['The Second One!', 1],
    ['second', 1],
    ['2nd', 1],
    ['the 3rd one please', 2],
    ['the first', 0],
    ['first one', 0],
    ['one', 0],
    ['option one', 0],
    ['number one', 0],
    ['I mean the second', 1],
    ['yes the first one', 0],
    ['um the third one', 2],
    ['that one, the 2nd', 1],
  ])('%j names place %d of three', (text, place) => {
    expect(optionReference(text, 3)).toBe(place);
  });

  it.each([
    ['the fourth one'],
    // The last button shown is "None of these" or "Talk to a person", not the last entry.
    ['the last one'],
    ['last'],
    ['4'],
    ['0'],
    ['second thoughts, where is my parcel'],
    ['I have 2 orders'],
    ['2 items are missing'],
    ['no'],
    ['the one with the refund'],
    ['the first and the second'],
    ['1 2'],
    ['where is my refund'],
    [''],
    ['one of my items is broken'],
  ])('%j names none of three', (text) => {
    expect(optionReference(text, 3)).toBeUndefined();
  });
});
