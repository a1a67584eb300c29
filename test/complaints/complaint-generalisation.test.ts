import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { MessageAnalyzer } from '../../src/analysis/message-analyzer.ts';
import { complaintToneCues } from '../../src/complaints/complaint-tone.ts';

let analyzer: MessageAnalyzer;
const isComplaint = (text: string): boolean => analyzer.analyze(text).complaint.isComplaint;

beforeAll(async () => {
  analyzer = await MessageAnalyzer.load('test/fixtures/knowledge');
});

describe('ComplaintAnalyzer on services other than the sample shop', () => {
  it.each([
    ['My direct debit bounced, how do I pay the missed amount?'],
    ['The boarding pass will not download, is there another way to get it?'],
    ['My parcel says held at customs, what do I need to do?'],
    ['I forgot which email I signed up with, can you look it up?'],
    ['The meal I ordered had no cutlery, can I request some next time?'],
    ['How do I report a broken street light?'],
    ['My internet keeps dropping when it rains, what could cause that?'],
    ['Can I get a new card if mine is bent?'],
    ['The app asks me to update but the store shows no update, what should I do?'],
    ['My bill shows an estimated reading, how do I send a real one?'],
  ])('does not call the calm problem report "%s" a complaint', (text) => {
    expect(isComplaint(text)).toBe(false);
  });

  it.each([
    ['Your courier has lost my parcel for the second time and nobody will help me'],
    ['I was charged a cancellation fee you never mentioned, this is not acceptable'],
    ['The hotel room smelled of smoke and you refused to move us'],
    ['Three weeks without broadband and you still have not sent an engineer'],
    ['Your agent hung up on me twice today, appalling service'],
    ['The delivery was two hours late and the food was cold again'],
    ['You renewed my subscription after I cancelled and refuse to refund it'],
    ['I waited 40 minutes on hold and then got cut off, ridiculous'],
  ])('calls "%s" a complaint', (text) => {
    expect(isComplaint(text)).toBe(true);
  });
});

describe('complaintToneCues', () => {
  it.each([
    ['Still no refund, you promised it last week!', ['exclamation', 'persistence', 'blame', 'broken_expectation']],
    ['How do I change my PIN?', ['question_mark', 'question_opener', 'how_to']],
    ['My card was declined, can you help me?', ['question_mark', 'how_to', 'help_request', 'blame']],
    ['It broke three times in a month even though it was repaired', ['persistence', 'broken_expectation']],
    ['The package arrived today', []],
  ])('finds the tone cues of "%s"', (text, expected) => {
    expect(complaintToneCues(text, null)).toEqual(expected);
  });

  it('adds the sentiment label as a cue', () => {
    expect(complaintToneCues('ok', 'negative')).toEqual(['negative_sentiment']);
    expect(complaintToneCues('ok', 'positive')).toEqual(['positive_sentiment']);
  });
});

describe('bench/data/complaints-realworld.csv', () => {
  it('shares no message with the shipped training examples (it is evaluation data)', async () => {
    const { loadComplaintExamples } = await import('../../src/complaints/complaint-examples.loader.ts');
    const normalise = (text: string): string =>
      text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const training = new Set(
      (await loadComplaintExamples('knowledge/complaints/examples')).map((e) => normalise(e.text)),
    );
    const evaluation = (
      parse(readFileSync('bench/data/complaints-realworld.csv', 'utf8'), { columns: true }) as { text: string }[]
    ).map((row) => row.text);
    expect(evaluation.length).toBeGreaterThanOrEqual(400);
    const shared = evaluation.filter((text) => training.has(normalise(text)));
    expect(shared).toEqual([]);
  });
});
