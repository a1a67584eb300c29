import { beforeAll, describe, expect, it } from 'vitest';
import { ComplaintAnalyzer } from '../../src/complaints/complaint-analyzer.ts';
import { loadComplaintKnowledge } from '../../src/complaints/complaint-knowledge.loader.ts';
import type { ComplaintResult } from '../../src/complaints/complaint-result.ts';
import { SentimentAnalyzer } from '../../src/sentiment/sentiment-analyzer.ts';
import { loadSentimentLexicon } from '../../src/sentiment/sentiment-lexicon.loader.ts';

let sentiment: SentimentAnalyzer;
let complaints: ComplaintAnalyzer;
const analyze = (text: string): ComplaintResult => complaints.analyze(text, sentiment.analyze(text));

beforeAll(async () => {
  sentiment = SentimentAnalyzer.create(await loadSentimentLexicon('test/fixtures/knowledge/sentiment/lexicon.yaml'));
  complaints = ComplaintAnalyzer.train(
    await loadComplaintKnowledge('test/fixtures/knowledge/complaints'),
    (text) => sentiment.analyze(text).label,
  );
});

describe('ComplaintAnalyzer', () => {
  it.each([
    'where is my parcel?',
    'how do I reset my password',
    'do you ship to Canada',
    'Can I get a refund if I return it within 30 days?',
    'When will I be charged?',
    'hello',
    'thanks so much, all sorted',
  ])('does not call "%s" a complaint', (text) => {
    expect(analyze(text)).toMatchObject({ isComplaint: false, category: null, severity: null });
  });

  it.each([
    ["this is the third time I've asked, where is my parcel?!", 'delivery'],
    ["The parcel never arrived and the tracking hasn't moved in a week", 'delivery'],
    ['The blender arrived with a cracked jug', 'damaged_product'],
    ['I sent the return back a month ago and still no refund', 'refund_return'],
    ['You charged my card twice for one order', 'billing_payment'],
    ["I can't log in, the password reset email never comes", 'account_technical'],
    ['Your agent was rude and hung up on me', 'staff_service'],
  ])('calls "%s" a %s complaint', (text, category) => {
    expect(analyze(text)).toMatchObject({ isComplaint: true, category });
  });

  it.each([
    ['My phone charger caught fire and burned the carpet', 'critical'],
    ['I will be contacting my solicitor about this', 'critical'],
    ['There are charges on my card I never authorised, this is fraud', 'high'],
    ["If the double charge isn't refunded I'll do a chargeback", 'high'],
    ["Still waiting for my refund, this is the third time I've emailed", 'high'],
  ])('rates "%s" %s', (text, severity) => {
    expect(analyze(text)).toMatchObject({ isComplaint: true, severity });
  });

  it('treats a serious cue as a complaint when anything else points that way', () => {
    expect(analyze('My son got an electric shock from it').isComplaint).toBe(true);
  });

  it.each([
    ['empty text', ''],
    ['only emoji', '😡😡😡'],
    ['Chinese', '我的包裹在哪里？'],
    ['Arabic', 'أين طردي؟'],
    ['control characters', '\u0000\u0001\u0002'],
    ['50,000 characters', 'my parcel is late '.repeat(2_800)],
  ])('returns a well-formed result for %s', (_name, text) => {
    const result = analyze(text);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    if (result.isComplaint) expect(result.category).not.toBeNull();
    else expect([result.category, result.severity]).toEqual([null, null]);
  });

  it('does not call a message without words a complaint, however angry', () => {
    expect(analyze('😡😡😡').isComplaint).toBe(false);
    expect(analyze('?!?!').isComplaint).toBe(false);
  });
});
