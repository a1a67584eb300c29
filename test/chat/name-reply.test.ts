import { describe, expect, it } from 'vitest';
import { parseNameReply } from '../../src/chat/name-reply.ts';

describe('parseNameReply', () => {
  it.each([
    ['Sam', 'Sam'],
    ['sam lee', 'sam lee'],
    ["Anne-Marie O'Neil", "Anne-Marie O'Neil"],
    ['Anne-Marie O’Neil', 'Anne-Marie O’Neil'],
    ['José', 'José'],
    ['Zoë Ångström', 'Zoë Ångström'],
    ['李小龙', '李小龙'],
    ['Олег Петров', 'Олег Петров'],
    ['محمد علي', 'محمد علي'],
    ['Dr. Sam Lee', 'Dr. Sam Lee'],
    ['Mr. Tom Jones', 'Mr. Tom Jones'],
    ['Ludwig van Beethoven', 'Ludwig van Beethoven'],
    ['Maria de la Cruz', 'Maria de la Cruz'],
    ['Will Smith', 'Will Smith'],
    ['May', 'May'],
    ['My Nguyen', 'My Nguyen'],
    ['  Priya   Patel  ', 'Priya Patel'],
    ['Priya.', 'Priya'],
    ['my name is Sam', 'Sam'],
    ["I'm Jo", 'Jo'],
    ["It's Anne-Marie", 'Anne-Marie'],
    ['Hi, I am Carlos Ruiz', 'Carlos Ruiz'],
    ['call me Kim', 'Kim'],
    ['Sam here', 'Sam'],
    ['Casey again', 'Casey'],
    ['Alex, thanks', 'Alex'],
  ])('takes %j as the name %j', (text, name) => {
    expect(parseNameReply(text)).toEqual({ kind: 'name', name });
  });

  it.each([
    ['I want a real person'],
    ['where is my order?'],
    ['why do you need my name?'],
    ['talk to a human'],
    ['agent'],
    ['hello'],
    ['thanks'],
    ['sam@example.com'],
    ['Sam 123'],
    ['07700 900123'],
    ['I already told you'],
    ['just get me someone'],
    ['order NW-123456'],
    ['what?'],
    ['This is taking forever and nobody is helping me at all'],
    ['???'],
    [''],
    ['a b c d e f g h'],
    ['https://example.com'],
    ['<script>alert(1)</script>'],
  ])('does not take %j for a name', (text) => {
    expect(parseNameReply(text)).toEqual({ kind: 'not-a-name' });
  });

  it.each([['skip'], ['Skip'], ['no'], ['no thanks'], ["I'd rather not say"], ['prefer not to say'], ['pass'], ['-']])(
    'hears %j as declining to give a name',
    (text) => {
      expect(parseNameReply(text)).toEqual({ kind: 'skip' });
    },
  );
});
