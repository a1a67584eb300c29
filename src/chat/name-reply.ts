/**
 * What a customer's reply to "what name should our team use?" was: a name (with lead-ins such as
 * "my name is" removed), a refusal to give one, or something else (a sentence, a request, a question).
 */
export type NameReply =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'skip' }
  | { readonly kind: 'not-a-name' };

const SKIP =
  /^(?:skip|no|nope|none|no thanks|no thank you|rather not|i'd rather not(?: say)?|i would rather not(?: say)?|prefer not to say|i prefer not to say|pass|anonymous|-)$/;
const LEAD_IN =
  /^(?:(?:hi|hello|hey|sure|ok|okay|yes|yeah|of course)[\s,!.]+)*(?:my name is|my name's|name is|name's|the name is|i am|i'm|im|it's|it is|this is|call me|you can call me|please call me|they can call me)\s+/;
const TRAILER = /[\s,]+(?:here|again|thanks|thank you|please|speaking)$/;
/** Letters (any script), combining marks, and the joiners names use: "Anne-Marie O'Neil", "Dr. Sam Lee". */
const NAME_SHAPE = /^\p{L}[\p{L}\p{M}'’.-]*(?:\s+\p{L}[\p{L}\p{M}'’.-]*){0,5}$/u;
/**
 * Words that make a reply a sentence rather than a name. Words that are also given names in some
 * language ("Will", "May", "Can", "My", "An", "Hope") are left out on purpose.
 */
const SENTENCE_WORDS = new Set(
  (
    "i me i'm i've i'd you your you're we our it it's is are am was were be been the a to for of in on at with " +
    'about from and or but not no yes what where when why how who which that this there do does did done ' +
    "don't can't cannot won't want wanted need needed please thanks thank hello hi hey help talk speak chat " +
    'get give tell know think order orders refund parcel package delivery account password email payment ' +
    'human person agent bot robot someone somebody anyone real live manager supervisor representative ' +
    'just already still now here skip cancel stop ok okay sure'
  ).split(' '),
);

/**
 * Reads a reply to the name prompt. A name is one to six words of letters in any script (with
 * hyphens, apostrophes and the dot of "Dr."), no digits, no "@", and none of the everyday words a
 * sentence or request needs: "I want a real person" and "where is my order" are not names;
 * "Anne-Marie O'Neil", "José", "李小龙", "Dr. Sam Lee" and "my name is Sam" (as "Sam") are.
 *
 * @example
 * parseNameReply("It's Anne-Marie")      // { kind: 'name', name: 'Anne-Marie' }
 * parseNameReply('I want a real person') // { kind: 'not-a-name' }
 */
export function parseNameReply(text: string): NameReply {
  const trimmed = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const lower = trimmed.toLowerCase().replace(/[.!]+$/, '');
  if (SKIP.test(lower)) return { kind: 'skip' };
  if (trimmed.length > 80) return { kind: 'not-a-name' };
  const leadIn = LEAD_IN.exec(lower);
  let name = trimmed.slice(leadIn?.[0].length ?? 0).replace(/[!?,;:]+$/, '');
  name = name.slice(0, name.length - (TRAILER.exec(name.toLowerCase())?.[0].length ?? 0)).trim();
  if (name.endsWith('.') && !/\b\p{L}{1,3}\.$/u.test(name)) name = name.slice(0, -1);
  if (!NAME_SHAPE.test(name)) return { kind: 'not-a-name' };
  const words = name.toLowerCase().split(' ');
  if (words.some((word) => SENTENCE_WORDS.has(word.replace(/[.’]/g, (c) => (c === '’' ? "'" : ''))))) {
    return { kind: 'not-a-name' };
  }
  return { kind: 'name', name };
}
