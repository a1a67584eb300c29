import natural from 'natural';
import { beforeAll, describe, expect, it } from 'vitest';
import { SentimentAnalyzer } from '../../src/sentiment/sentiment-analyzer.ts';
import { loadSentimentLexicon } from '../../src/sentiment/sentiment-lexicon.loader.ts';
import { MAX_ANALYSED_CHARS } from '../../src/sentiment/sentiment-tokenizer.ts';

let analyzer: SentimentAnalyzer;
const score = (text: string): number => analyzer.analyze(text).score;
const label = (text: string): string => analyzer.analyze(text).label;

beforeAll(async () => {
  analyzer = SentimentAnalyzer.create(await loadSentimentLexicon('test/fixtures/knowledge/sentiment/lexicon.yaml'));
});

describe('SentimentAnalyzer', () => {
  describe('negation', () => {
    it.each([
      ['not happy', 'negative'],
      ['I am not happy at all', 'negative'],
      ["I'm not at all happy with this", 'negative'],
      ['not bad', 'positive'],
      ["it wasn't terrible", 'positive'],
      ['the app does not work', 'negative'],
      ["doesn't work", 'negative'],
      ['never helpful', 'negative'],
      ['nobody was helpful', 'negative'],
    ])('labels "%s" %s', (text, expected) => {
      expect(label(text)).toBe(expected);
    });

    it('makes "not bad" only mildly positive, weaker than "good" and than "bad" is negative', () => {
      expect(score('not bad')).toBeGreaterThan(0);
      expect(score('not bad')).toBeLessThan(score('good'));
      expect(score('not bad')).toBeLessThan(-score('bad'));
    });

    it('does not carry negation past a comma or "but"', () => {
      expect(label('not the fastest, but great')).toBe('positive');
      expect(label("I can't complain, great service")).toBe('positive');
    });

    it('negates up to three words ahead and no further', () => {
      expect(score('not really very good')).toBeLessThan(0);
      expect(score('not that I think about it much good')).toBeGreaterThan(0);
    });
  });

  describe('capitals', () => {
    it.each([
      ['this is USELESS', 'this is useless'],
      ['NEVER again', 'never again'],
      ['I am so ANGRY', 'I am so angry'],
    ])('scores "%s" more negative than "%s"', (shouted, calm) => {
      expect(score(shouted)).toBeLessThan(score(calm));
    });

    it('scores a shouted "I LOVE IT" more positive than "I love it"', () => {
      expect(score('I LOVE IT')).toBeGreaterThan(score('I love it'));
    });

    it('treats a message mostly in capitals as shouting', () => {
      expect(label('where is my order')).toBe('neutral');
      expect(label('WHERE IS MY ORDER')).toBe('negative');
    });

    it('ignores single capitals and short acronyms on neutral words', () => {
      expect(label('I ordered from the UK via DHL')).toBe('neutral');
    });
  });

  describe('emoji and emoticons', () => {
    it.each([
      ['👍', 'positive'],
      ['🙂', 'positive'],
      ['😊', 'positive'],
      ['👍🏽', 'positive'],
      ['❤️', 'positive'],
      [':)', 'positive'],
      ['😡', 'negative'],
      ['🤬', 'negative'],
      ['😢', 'negative'],
      ['👎', 'negative'],
      [':(', 'negative'],
      ['🚚', 'neutral'],
      ['📦', 'neutral'],
    ])('labels %s %s', (text, expected) => {
      expect(label(text)).toBe(expected);
    });

    it('reads emoji glued to words', () => {
      expect(score('great👍')).toBeGreaterThan(score('great'));
      expect(score('thanks😡')).toBeLessThan(score('thanks'));
    });

    it('counts the same emoji at most three times', () => {
      expect(score('😡😡😡😡😡😡')).toBe(score('😡😡😡'));
    });

    it('scores 😡 more negative than the sentiment package does (-1)', () => {
      expect(score('😡')).toBeLessThan(-1);
    });
  });

  describe('support phrases', () => {
    it.each([
      ['still waiting for my order', 'negative'],
      ['this is unacceptable', 'negative'],
      ['refund now', 'negative'],
      ['never again', 'negative'],
      ['waste of money', 'negative'],
      ['parcel not received', 'negative'],
      ['third time I have asked', 'negative'],
      ['I have been on hold for ages', 'negative'],
      ['thanks so much', 'positive'],
      ['all sorted now', 'positive'],
      ['problem solved', 'positive'],
      ['no problem', 'positive'],
      ['I would like to change my address', 'neutral'],
      ['Dear support team, how do I pay my bill', 'neutral'],
      ['can you help me cancel my order please', 'neutral'],
      ['Kind regards, Sam', 'neutral'],
    ])('labels "%s" %s', (text, expected) => {
      expect(label(text)).toBe(expected);
    });

    // AFINN scores "yes" and "yeah" +1: an answer to an agent would read as a happier customer.
    it.each([['yes'], ['Yes'], ['YES'], ['yeah'], ['Yeah.'], ['yes yes'], ['Yes, that one'], ['yeah I did']])(
      'hears no mood in the answer %j',
      (text) => {
        expect(score(text)).toBe(0);
        expect(label(text)).toBe('neutral');
      },
    );

    it.each([
      ['yes it arrived smashed', 'negative'],
      ['yeah, still waiting', 'negative'],
      ['Yes, thank you so much', 'positive'],
      ['yeah that sorted it, great', 'positive'],
    ])('still hears the words around a yes: %j is %s', (text, expected) => {
      expect(label(text)).toBe(expected);
    });

    it('hears more anger in a repeated question than in the plain one', () => {
      expect(label('where is my parcel?')).toBe('neutral');
      expect(score("this is the third time I've asked, where is my parcel?!")).toBeLessThan(
        score('where is my parcel?'),
      );
    });
  });

  describe('intensifiers', () => {
    it.each([
      ['very slow', 'slow'],
      ['extremely rude', 'rude'],
      ['so disappointed', 'disappointed'],
      ['absolutely useless', 'useless'],
    ])('scores "%s" more negative than "%s"', (strong, plain) => {
      expect(score(strong)).toBeLessThan(score(plain));
    });

    it.each([
      ['really helpful', 'helpful'],
      ['super quick', 'quick'],
    ])('scores "%s" more positive than "%s"', (strong, plain) => {
      expect(score(strong)).toBeGreaterThan(score(plain));
    });

    it.each([
      ['a bit slow', 'slow'],
      ['slightly annoying', 'annoying'],
    ])('scores "%s" softer but still negative compared with "%s"', (soft, plain) => {
      expect(score(soft)).toBeGreaterThan(score(plain));
      expect(score(soft)).toBeLessThan(0);
    });

    it('counts an intensifier word on its own when nothing follows it ("you are super")', () => {
      expect(label('you are super')).toBe('positive');
    });
  });

  describe('punctuation', () => {
    it.each([
      ['great!!!', 'great!'],
      ['great!', 'great'],
    ])('scores "%s" more positive than "%s"', (loud, quiet) => {
      expect(score(loud)).toBeGreaterThan(score(quiet));
    });

    it.each([
      ['terrible!!!', 'terrible'],
      ['awful???', 'awful'],
    ])('scores "%s" more negative than "%s"', (loud, quiet) => {
      expect(score(loud)).toBeLessThan(score(quiet));
    });

    it.each([
      ['where is my parcel???', 'negative'],
      ['where is my parcel?!', 'negative'],
      ['where is my parcel?', 'neutral'],
      ['hello!!!', 'neutral'],
    ])('labels "%s" %s', (text, expected) => {
      expect(label(text)).toBe(expected);
    });
  });

  describe('but clauses', () => {
    it('weighs the clause after "but" more', () => {
      expect(label('delivery was fast but the item is broken')).toBe('negative');
      expect(label('the item was broken but the refund was quick and the staff were lovely')).toBe('positive');
    });
  });

  describe('bad input', () => {
    it.each([
      ['empty text', ''],
      ['whitespace', '   \n\t  '],
      ['Chinese', '我的包裹在哪里'],
      ['Arabic', 'أين طردي؟'],
      ['control characters only', '\u0000\u0001\u0007\u001b'],
      ['a lone surrogate', '\ud83d'],
      ['numbers only', '12345 678'],
    ])('gives a neutral zero result for %s', (_name, text) => {
      expect(analyzer.analyze(text)).toEqual({ score: 0, comparative: 0, label: 'neutral' });
    });

    it('reads the words around control characters', () => {
      expect(label('this is\u0000 terrible\u0007')).toBe('negative');
    });

    it('gives a neutral result for a value that is not a string', () => {
      expect(analyzer.analyze(undefined as unknown as string)).toEqual({ score: 0, comparative: 0, label: 'neutral' });
    });

    it('analyses only the first MAX_ANALYSED_CHARS characters of a 50,000-character message', () => {
      const head = 'good '.repeat(MAX_ANALYSED_CHARS / 5);
      const result = analyzer.analyze(`${head}${'terrible '.repeat(5_000)}`.slice(0, 50_000));
      expect(result.label).toBe('positive');
      expect(Number.isFinite(result.comparative)).toBe(true);
    });

    it('returns finite numbers for only emoji', () => {
      const result = analyzer.analyze('🙂🙂🙂');
      expect(result.label).toBe('positive');
      expect(Number.isFinite(result.score) && Number.isFinite(result.comparative)).toBe(true);
    });

    it('never throws on random text', () => {
      let seed = 7;
      const random = (): number => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      for (let i = 0; i < 300; i += 1) {
        const text = Array.from({ length: Math.floor(random() * 80) }, () =>
          String.fromCharCode(Math.floor(random() * 0x3000)),
        ).join('');
        const result = analyzer.analyze(text);
        expect(['positive', 'neutral', 'negative']).toContain(result.label);
        expect(Number.isFinite(result.score)).toBe(true);
      }
    });
  });

  it('stays neutral on unscored words after natural has replaced Math.sign (sylvester sets sign(0) = 1)', () => {
    expect(typeof natural.PorterStemmer.stem).toBe('function');
    expect(analyzer.analyze('hello world')).toEqual({ score: 0, comparative: 0, label: 'neutral' });
  });

  it('does not change the sentiment package data that the plain package uses', async () => {
    const { default: Sentiment } = await import('sentiment');
    SentimentAnalyzer.create(await loadSentimentLexicon('test/fixtures/knowledge/sentiment/lexicon.yaml'));
    expect(new Sentiment().analyze('please help').score).toBe(3);
  });

  it('matches AFINN multi-word entries, which the sentiment package never does', async () => {
    const plain = SentimentAnalyzer.create();
    expect(plain.analyze('I am fed up').label).toBe('negative');
  });
});
