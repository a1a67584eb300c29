import { beforeAll, describe, expect, it } from 'vitest';
import { detectSmallTalk, expandPhrase } from '../../src/chat/small-talk.ts';
import { loadKnowledgeBase } from '../../src/knowledge/files/knowledge.loader.ts';
import type { SmallTalk } from '../../src/knowledge/knowledge-base.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';

describe('detectSmallTalk', () => {
  let smallTalk: SmallTalk;
  beforeAll(async () => {
    smallTalk = (await loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR)).responses.smallTalk;
  });

  it.each([
    ['hi', 'greeting'],
    ['Hello there!', 'greeting'],
    ['hiii', 'greeting'],
    ['Good morning', 'greeting'],
    ['good afternoon everyone', 'greeting'],
    ['Hey hey', 'greeting'],
    ['Evening!', 'greeting'],
    ['hey, how are you?', 'how-are-you'],
    ["how's it going", 'how-are-you'],
    ['Hi! How are you doing today?', 'how-are-you'],
    ["what's up", 'how-are-you'],
    ['thanks', 'thanks'],
    ['Thanks a lot!', 'thanks'],
    ['thank you so much', 'thanks'],
    ['Cheers', 'thanks'],
    ['cheers mate', 'thanks'],
    ['ok thanks', 'thanks'],
    ['Great, thank you for your help!', 'thanks'],
    ['thx', 'thanks'],
    ['Much appreciated', 'thanks'],
    ['thanksss 🙏', 'thanks'],
    ['that was helpful, thanks again', 'thanks'],
    ['perfect, got it', 'thanks'],
    ['bye', 'goodbye'],
    ['Goodbye!', 'goodbye'],
    ["that's all, thanks", 'goodbye'],
    ['thanks, bye', 'goodbye'],
    ['ok that is all for now', 'goodbye'],
    ['nothing else, have a nice day', 'goodbye'],
    ['See you later!', 'goodbye'],
    ["No that's it thank you", 'goodbye'],
    ['are you a bot?', 'bot-identity'],
    ['Are you a real person?', 'bot-identity'],
    ['r u a robot', 'bot-identity'],
    ['is this a bot', 'bot-identity'],
    ['am I talking to a human?', 'bot-identity'],
    ['who are you', 'bot-identity'],
    ["hi, what's your name?", 'bot-identity'],
    ['are you a bot or a human', 'bot-identity'],
    ['who am I chatting with?', 'bot-identity'],
    ['I have a question', 'need-help'],
    ['hi, can you help me?', 'greeting'],
    ['I need some help', 'need-help'],
    ["hey there, how's it going?", 'how-are-you'],
    ['Morning all', 'greeting'],
    ['thanks so much for your help', 'thanks'],
    ['brilliant, thank you', 'thanks'],
    ['thank you kindly', 'thanks'],
    ['Cheers, have a nice day', 'goodbye'],
    ["no thanks, that's all", 'goodbye'],
    ["I'm all set, thanks", 'goodbye'],
    ['are you a real person or a bot', 'bot-identity'],
    ['Is this an AI?', 'bot-identity'],
    ['who is this', 'bot-identity'],
    ['hello? are you a bot?', 'bot-identity'],
  ])('hears %j as %s', (text, id) => {
    expect(detectSmallTalk(text, smallTalk)?.id).toBe(id);
  });

  it.each([
    ['hi, where is my order?'],
    ['hello I want a refund'],
    ['thanks, but how do I return an item?'],
    ['good morning, my parcel never arrived'],
    ['bye bye parcel, it was stolen'],
    ['are you open on Sundays?'],
    ['who are your couriers'],
    ['thank you for the refund, when will it arrive?'],
    ['how are returns handled'],
    ['ok'],
    ['yes'],
    ['great'],
    ['there'],
    [''],
    ['🙂'],
    ['what is the status of my order'],
    ['hi, I need to return something'],
    ["thanks but that's not what I asked"],
    ['good morning, can I change my address?'],
    ['thank you, can you also tell me about shipping costs'],
    ['are you open today'],
    ['who are your suppliers'],
    ['how are your prices so high'],
  ])('does not take %j for small talk', (text) => {
    expect(detectSmallTalk(text, smallTalk)).toBeUndefined();
  });

  it('reads a new wording from the file: a phrase added there is recognised, with fillers around it', () => {
    const edited: SmallTalk = {
      fillers: ['so much'],
      topics: [{ id: 'thanks', phrases: ['(merci|danke) [schön]'], reply: 'You are welcome.', offerHuman: false }],
    };
    expect(detectSmallTalk('Danke schön!', edited)?.reply).toBe('You are welcome.');
    expect(detectSmallTalk('merci so much', edited)?.id).toBe('thanks');
    expect(detectSmallTalk('merci beaucoup', edited)).toBeUndefined();
  });

  it('knows nothing when the file has no small talk', () => {
    expect(detectSmallTalk('hello', { fillers: [], topics: [] })).toBeUndefined();
  });
});

describe('expandPhrase', () => {
  it.each([
    ['hello', ['hello']],
    ['good (morning|evening)', ['good morning', 'good evening']],
    ['thank you [so much]', ['thank you so much', 'thank you ']],
    ['(hi|hey) [there]', ['hi there', 'hi ', 'hey there', 'hey ']],
    ['is this [a|an] bot', ['is this a bot', 'is this an bot', 'is this  bot']],
  ])('spells %j as %j', (phrase, spellings) => {
    expect(expandPhrase(phrase)).toEqual(spellings);
  });

  it('stops at 500 spellings', () => {
    expect(expandPhrase('(a|b|c|d|e) (a|b|c|d|e) (a|b|c|d|e) (a|b|c|d|e) (a|b|c|d|e)')).toHaveLength(500);
  });
});
