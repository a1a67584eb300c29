import { describe, expect, it } from 'vitest';
import { luhnValid, maskCardNumber } from '../../src/privacy/card-number.detector.ts';
import { Redactor } from '../../src/privacy/redactor.ts';

const all = new Redactor(['card', 'email', 'phone']);
const cardsOnly = new Redactor(['card']);

/** Brands and lengths from 12 to 19 digits; every one passes Luhn. */
const VALID_CARDS: ReadonlyArray<[string, string]> = [
  ['Visa 16', '4111111111111111'],
  ['Visa 16 (Stripe)', '4242424242424242'],
  ['Visa 13', '4222222222222'],
  ['Visa 19', '4000000000000000006'],
  ['Mastercard 5-series', '5555555555554444'],
  ['Mastercard 2-series', '2223003122003222'],
  ['Amex 15', '378282246310005'],
  ['Discover', '6011111111111117'],
  ['Diners 14', '30569309025904'],
  ['JCB', '3530111333300000'],
  ['JCB 17', '35660000000000007'],
  ['UnionPay 16', '6200000000000005'],
  ['UnionPay 19', '6221260000000000001'],
  ['Maestro 12', '675964000003'],
  ['Maestro 13', '5018000000007'],
  ['Maestro 18', '639000000000000005'],
];

function grouped(digits: string, sizes: readonly number[], sep: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.join(sep);
}

/** The digits a masked card keeps: first 6 and last 4, the rest `*`. */
function expectedMask(digits: string): string {
  return digits.slice(0, 6) + '*'.repeat(digits.length - 10) + digits.slice(-4);
}

describe('Redactor: card numbers', () => {
  it.each(VALID_CARDS)('masks a %s card written without separators', (_brand, digits) => {
    const result = cardsOnly.redact(`card ${digits} thanks`);
    expect(result.text).toBe(`card ${expectedMask(digits)} thanks`);
    expect(result.counts).toEqual({ card: 1 });
  });

  it.each(
    VALID_CARDS.flatMap(
      ([brand, digits]): Array<[string, string, string]> => [
        [brand, 'spaces in fours', grouped(digits, [4, 4, 4, 4], ' ')],
        [brand, 'dashes in fours', grouped(digits, [4, 4, 4, 4], '-')],
        [brand, 'Amex-style 4-6-5 spaces', grouped(digits, [4, 6, 5], ' ')],
      ],
    ),
  )('masks a %s card written with %s', (_brand, _style, written) => {
    const result = cardsOnly.redact(written);
    const digits = written.replace(/[ -]/g, '');
    expect(result.text.replace(/[ -]/g, '')).toBe(expectedMask(digits));
    // Separators stay where they were.
    expect(result.text.replace(/[\d*]/g, '')).toBe(written.replace(/\d/g, ''));
    expect(result.counts).toEqual({ card: 1 });
  });

  it.each([
    ['at the start', '4111111111111111 is my card', '411111******1111 is my card'],
    ['at the end with a full stop', 'my card is 4111 1111 1111 1111.', 'my card is 4111 11** **** 1111.'],
    ['in brackets', 'card (5555-5555-5555-4444)', 'card (5555-55**-****-4444)'],
    ['after a colon', 'card:378282246310005', 'card:378282*****0005'],
    ['next to a quantity before it', 'qty 2 4111 1111 1111 1111', 'qty 2 4111 11** **** 1111'],
    ['next to a number after it', '4111 1111 1111 1111 2 times', '4111 11** **** 1111 2 times'],
    ['twice in one message', 'old 4111111111111111 new 4242424242424242', 'old 411111******1111 new 424242******4242'],
    ['on a new line', 'card\n6011111111111117\nthanks', 'card\n601111******1117\nthanks'],
  ])('masks a card %s', (_where, text, expected) => {
    expect(cardsOnly.redact(text).text).toBe(expected);
  });

  it.each([
    ['a 16-digit number failing Luhn', 'card 4111111111111112'],
    ['a spaced number failing Luhn', 'card 4111 1111 1111 1112'],
    ['an 11-digit number', 'ref 79927398713'],
    ['a 20-digit number', 'ref 41111111111111111111'],
    ['double spaces between groups', 'card 4111  1111  1111  1111'],
    ['a date', 'it arrived on 2024-01-15'],
    ['a slashed date', 'ordered 15/01/2024'],
    ['an amount', 'charged $1,234.56 twice'],
    ['a big amount', 'charged 1234567.89 EUR'],
    ['an order number', 'order NW-123456 is late'],
    ['a ticket reference', 'about T-1001 please'],
    ['a 9-digit order number', 'order 123456789'],
    ['a tracking number with letters', 'tracking 1Z999AA10123456784'],
    ['a time', 'at 10:30 today'],
    ['an IP address', 'from 192.168.100.200'],
    ['a phone number with a plus', 'call +44 7700 900123'],
    ['a digit run glued to letters', 'code AB4111111111111111'],
    ['Arabic-Indic digits', 'رقم ٤١١١١١١١١١١١١١١١'],
  ])('keeps %s', (_what, text) => {
    const result = cardsOnly.redact(text);
    expect(result.text).toBe(text);
    expect(result.counts).toEqual({});
  });

  it.each([
    ['4111111111111111', true],
    ['79927398713', true],
    ['79927398710', false],
    ['378282246310005', true],
  ])('checks Luhn of %s as %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });

  it('keeps separators when masking', () => {
    expect(maskCardNumber('3782-822463-10005')).toBe('3782-82****-*0005');
  });
});

describe('Redactor: emails and phone numbers', () => {
  it.each([
    ['plain', 'write to sam@example.com please', 'write to [email] please'],
    ['with plus and dots', 'it is first.last+tag@mail.example.co.uk.', 'it is [email].'],
    ['in angle brackets', 'Sam <sam_o@example.org>', 'Sam <[email]>'],
    ['two of them', 'a@b.io or c@d.io', '[email] or [email]'],
    ['non-Latin', 'mail me at jürgen@beispiel.de', 'mail me at [email]'],
  ])('masks an email %s', (_what, text, expected) => {
    expect(all.redact(text).text).toBe(expected);
  });

  it.each([
    ['international with spaces', 'call +44 20 7946 0958 today'],
    ['international with brackets and dashes', 'call +1 (555) 010-2030'],
    ['international compact', 'whatsapp +447700900123'],
    ['North American with brackets', 'phone (555) 010-2030'],
    ['North American with dashes', 'phone 555-010-2030'],
    ['North American with dots', 'phone 555.010.2030'],
    ['UK mobile', 'mobile 07700 900123'],
    ['UK mobile compact', 'mobile 07700900123'],
    ['UK landline', 'office 020 7946 0958'],
  ])('masks a phone number: %s', (_what, text) => {
    const result = all.redact(text);
    expect(result.text).toContain('[phone]');
    expect(result.text).not.toMatch(/\d{3}/);
    expect(result.counts).toEqual({ phone: 1 });
  });

  it.each([
    ['a date', 'delivered 2024-01-15 at 10:30'],
    ['a European date', 'delivered 15.01.2024'],
    ['an amount', 'refund of $1,299.00'],
    ['an order number', 'order NW-123456'],
    ['a bare 10-digit order number', 'order 5550102030'],
    ['a ticket reference', 'ticket T-1001'],
    ['a year range', 'from 2019-2024'],
    ['a postcode and house number', '221B Baker Street, NW1 6XE'],
    ['a quantity and price', '3 items at 19.99 each'],
    ['a version', 'app version 10.2.3'],
    ['an at sign without a domain', 'meet @ 5pm'],
    ['a social handle', 'ping @northwind on X'],
  ])('keeps %s', (_what, text) => {
    const result = all.redact(text);
    expect(result.text).toBe(text);
    expect(result.counts).toEqual({});
  });

  it('counts every type found in one text', () => {
    const result = all.redact('card 4111 1111 1111 1111, mail a@b.io, phone +44 20 7946 0958, and x@y.org');
    expect(result.counts).toEqual({ card: 1, email: 2, phone: 1 });
  });

  it('masks a card as a card, never as a phone number', () => {
    expect(all.redact('+ 4111-1111-1111-1111').text).toBe('+ 4111-11**-****-1111');
  });

  it('masks only the types it was given', () => {
    const text = 'a@b.io 4111111111111111 +44 20 7946 0958';
    expect(new Redactor(['email']).redact(text).text).toBe('[email] 4111111111111111 +44 20 7946 0958');
    expect(new Redactor([]).redact(text)).toEqual({ text, counts: {} });
  });
});
