import { describe, expect, it } from 'vitest';
import { detectInterruption } from '../../src/chat/interruptions.ts';

describe('detectInterruption', () => {
  it.each([
    ['help', 'help'],
    ['Help!', 'help'],
    ['?', 'help'],
    ['what can you do?', 'help'],
    ['ok, help please', 'help'],
    ['main menu', 'help'],
    ['start over', 'start-over'],
    ["Let's start again", 'start-over'],
    ['restart', 'start-over'],
    ['never mind', 'start-over'],
    ['nevermind', 'start-over'],
    ['forget it', 'start-over'],
    ['ok start from scratch', 'start-over'],
    ['cancel', 'stop'],
    ['Cancel.', 'stop'],
    ['STOP', 'stop'],
    ['quit', 'stop'],
    ['cancel that please', 'stop'],
    ['stop it', 'stop'],
    ['actually, cancel', 'stop'],
    ['talk to a human', 'human'],
    ['Can I speak with your supervisor?', 'human'],
    ['is there a real person there?', 'human'],
    ['transfer me', 'human'],
    ['This is going nowhere. I want to speak to someone, please.', 'human'],
  ] as const)('reads %j as %s', (text, interruption) => {
    expect(detectInterruption(text)).toBe(interruption);
  });

  it.each([
    ['help me track my order'],
    ['I need help with a refund'],
    ['cancel my order'],
    ['how do I cancel my subscription?'],
    ['stop my delivery'],
    ['can I stop the payment'],
    ['restart my subscription'],
    ['where is my order'],
    ['who is the delivery person'],
    ['thanks'],
    [''],
    ['   '],
  ])('finds no interruption in %j', (text) => {
    expect(detectInterruption(text)).toBeNull();
  });

  it('finds none without text', () => {
    expect(detectInterruption(undefined)).toBeNull();
  });
});
