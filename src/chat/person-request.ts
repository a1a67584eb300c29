import { clausesOf, normaliseChatText } from './chat-text.ts';
import { isQuestionShaped } from './question-shape.ts';

/**
 * Which shape of request was recognised, for tests and logs: a contact verb with a person
 * ("can I speak to your manager"), wanting a person ("I need a real human"), a bare person noun
 * ("agent please"), asking whether one is there ("is there a real person there?"), asking to be
 * transferred or escalated, refusing the bot ("I don't want a bot"), or asking to be called back.
 */
type PersonRequestFrame = 'contact' | 'want' | 'bare' | 'presence' | 'transfer' | 'not-a-bot' | 'callback';

/** A message asks for a person (`frame` says how), or it does not (`null`). */
export type PersonRequest = { readonly kind: 'person'; readonly frame: PersonRequestFrame } | null;

// The grammar: people who work for the shop (nouns), what may stand before them (determiners and
// adjectives), and the verb frames a request puts them in. Clauses are matched one at a time, so
// "am I talking to a bot? I want a human" is found in its second sentence.
const PERSON_NOUN = [
  'human beings?',
  'humans?',
  'persons?',
  'people',
  'agents?',
  'representatives?',
  'representive',
  'reps?',
  'operators?',
  'managers?',
  'supervisors?',
  'boss',
  'staff(?: members?)?',
  'employees?',
  'advis[eo]rs?',
  'consultants?',
  'associates?',
  'specialists?',
  'team members?',
  'members? of (?:staff|(?:your|the|our) (?:[a-z]+ ){0,2}team)',
  'customer (?:services?|support|care)(?: (?:team|agents?|reps?|representatives?|people|persons?|staff|department|desk))?',
  'support (?:team|agents?|staff|person|people|reps?|representatives?)',
  'help ?desk',
  'service desk',
  'live (?:chat|support)',
  'human (?:help|support|assistance|agents?|operators?)',
  '(?:person|someone|somebody|whoever) in charge',
  'whoever is in charge',
  'someone|somebody|anyone|anybody',
  'your team|the team|your staff',
].join('|');
const DETERMINER = '(?:a|an|the|some|any|your|ur|my|one of your|one of the|a couple of)';
const ADJECTIVE =
  '(?:real|live|actual|proper|genuine|human|living|breathing|flesh and blood|senior|available|qualified|actual live|real live)';
/** A noun phrase naming a person who works for the shop; "someone else" and "another person" are not. */
const PERSON = `(?:${DETERMINER}\\s+)?(?:${ADJECTIVE}\\s+)*(?:${PERSON_NOUN})(?!\\s+else)(?!['\\w])`;
const BOT =
  '(?:stupid |dumb |useless |automated |virtual )?(?:bots?|robots?|machines?|chat ?bots?|computers?|ai|automated (?:system|assistant|service|replies)|virtual assistant|scripts?)';

const CONTACT_VERB =
  '(?:talk|speak|chat|communicate|converse|get(?: through)?|connect|transfer|have a (?:word|chat|conversation)|send me|(?:pass|hand|forward|transfer|refer|put|connect|route) (?:this|it|me|us|this chat|this conversation|the chat|my (?:case|query|issue|complaint|problem))(?: (?:on|over|through|up))?|pass on|hand over|be put through|be connected|be transferred|get transferred|get connected|connect me|put me through|put me in touch|get me in touch|put me in contact|transfer me|pass me(?: on| over)?|hand me(?: over| off)?|forward me|switch me|redirect me|escalate(?: (?:this|it|me|my (?:case|issue|ticket|complaint|request|query|problem)|the (?:case|issue|ticket|complaint|matter)|this (?:case|issue|ticket|complaint|matter)))?|speaking|talking|chatting)';
const DIRECT_CONTACT =
  '(?:reach|contact|call|ring|phone|message|email|get hold of|get ahold of|get in touch with|get in contact with)';
const WANT_VERB =
  "(?:want|wanna|need|would like|'d like|prefer|demand|request|require|insist on|looking for|get|give|bring|find|fetch|have|send)";
/** What may follow a wanted person: "I need a person to sign for it" is not a request for one. */
const WANT_TAIL =
  '(?:\\s+(?:please|pls|now|right now|asap|immediately|urgently|thanks|thank you|today|here|needed|on the (?:phone|line|chat)|to (?:talk|speak|chat|help|assist|call|contact|ring|look|deal|sort|handle|review|check)\\b.*|for me|with (?:this|that|it|my|an?|the)\\b.*|who\\b.*|that can\\b.*|from\\b.*|,? not (?:a |an |the )?' +
  BOT +
  '))*';
/**
 * A new clause joined by "or", "because", "otherwise"… with its own subject, after a demand ("get
 * me your manager now or I'm leaving a review"). Only in a clause that does not read as a question:
 * "do I need someone since it's a large item?" asks whether one is needed.
 */
const JOINED_CLAUSE =
  "(?:\\s+(?:or|or else|otherwise|because|cause|cos|coz|since|as|before) (?:i|i'm|i'll|i've|i'd|we|we're|we'll|this|it|it's|you|you'll|your|my)\\b.*)?$";
const REQUEST_OPENER = '(?:(?:please|pls|ok|okay|hi|hello|hey|yes|yeah|no|so|well|sorry|excuse me|um|just|now)\\s+)*';
const ESCALATE_OBJECT =
  '(?:me|this|it|us|my (?:case|issue|ticket|complaint|request|query|problem|chat|call)|(?:this|the|a) (?:case|issue|ticket|complaint|request|matter|chat|conversation|problem))';

/** Whole-clause or in-clause patterns, each with the frame it stands for. */
const FRAMES: ReadonlyArray<readonly [PersonRequestFrame | 'want-then-clause', RegExp]> = [
  ['contact', new RegExp(`\\b${CONTACT_VERB}(?:\\s+over)?\\s+(?:to|with)\\s+${PERSON}`)],
  ['contact', new RegExp(`\\b${DIRECT_CONTACT}\\s+${PERSON}`)],
  ['contact', /\bwho (?:can|could|should|do) (?:i|we) (?:talk|speak|chat) (?:to|with)\b/],
  [
    'contact',
    new RegExp(
      `^(?:can|could|will|would|may) ${PERSON} (?:please )?(?:help|assist|call|contact|ring|phone|get back to|talk to|speak to|speak with|chat with) (?:me|us)\\b`,
    ),
  ],
  ['contact', /^(?:(?:someone|somebody|anyone|anybody) )(?:please )?help(?: me| us)?(?: please)?$/],
  ['want', new RegExp(`\\b${WANT_VERB}\\s+(?:me\\s+|us\\s+)?${PERSON}${WANT_TAIL}$`)],
  ['want-then-clause', new RegExp(`\\b${WANT_VERB}\\s+(?:me\\s+|us\\s+)?${PERSON}${WANT_TAIL}${JOINED_CLAUSE}`)],
  ['want', new RegExp(`\\b(?:help|assistance|support) from ${PERSON}`)],
  ['want', new RegExp(`\\bput ${PERSON} on\\b`)],
  [
    'bare',
    new RegExp(
      `^${REQUEST_OPENER}${PERSON}(?:\\s+(?:please|pls|now|right now|asap|only|needed|required|wanted|thanks|thank you|immediately|urgently|here|,? not (?:a |an |the )?${BOT}))*$`,
    ),
  ],
  [
    'presence',
    new RegExp(
      `\\b(?:is|are) there\\s+(?:any\\s+|a\\s+|an\\s+)?(?:${ADJECTIVE}\\s+)*(?:${PERSON_NOUN})(?!\\s+else)(?:\\s+(?:there|here|around|available|online|working|real|actual|on the other (?:end|side)|(?:that|who) (?:can|could) help(?: me)?|(?:i|we) can (?:talk|speak|chat) (?:to|with)|to (?:talk|speak|chat) (?:to|with)|behind this|at all))*$`,
    ),
  ],
  [
    'presence',
    new RegExp(
      `^${REQUEST_OPENER}(?:(?:is|are) )?(?:any |a |an |some )?(?:${ADJECTIVE}\\s+)*(?:${PERSON_NOUN})(?:\\s+(?:there|here|around|home|available|real|alive|awake|online|at all|actually|reading(?: this)?|listening|to (?:chat|talk|help)))+$`,
    ),
  ],
  [
    'presence',
    new RegExp(
      `\\bdo you have (?:any |a |an |some )?(?:${ADJECTIVE}\\s+)*(?:${PERSON_NOUN}) (?:(?:that|who) (?:can|could) help|(?:i|we) can (?:talk|speak|chat) (?:to|with)|to (?:talk|speak|chat) (?:to|with))`,
    ),
  ],
  [
    'transfer',
    new RegExp(
      `^${REQUEST_OPENER}(?:(?:can|could|would|will) you (?:please )?|i (?:want|need|would like|'d like) (?:you )?to |i'd like to |let me |how (?:do|can) i )*(?:escalate|transfer|connect|put through|put me through|pass me on|pass me over|hand me over|hand me off|pass on|hand over|hand off)(?:\\s+${ESCALATE_OBJECT})?(?:\\s+(?:through|on|over|off|up|higher|further|please|now|asap|immediately|to (?:a|the) (?:next|higher) level))*$`,
    ),
  ],
  ['transfer', /^(?:escalation|transfer|escalate)(?: please| now)*$/],
  [
    'transfer',
    new RegExp(
      `\\b(?:want|need|like|get|have) ${ESCALATE_OBJECT} (?:escalated|transferred|looked at by (?:a|an) (?:real )?(?:person|human))`,
    ),
  ],
  [
    'not-a-bot',
    new RegExp(
      `\\b(?:don't|do not|dont|doesn't|does not) (?:want|wanna|need|like)(?: to (?:talk|speak|chat|deal) (?:to|with))? (?:a |an |the |this |your |some |another |any )?${BOT}\\b`,
    ),
  ],
  ['not-a-bot', new RegExp(`^(?:no|not) (?:more |another |a |an |the |this )?${BOT}(?: please| anymore)?$`)],
  [
    'not-a-bot',
    new RegExp(
      `\\b(?:stop|enough with|sick of|tired of|fed up with|hate|done with)(?: talking to| chatting with| this)? (?:this |the |a |your |these |you )?${BOT}\\b`,
    ),
  ],
  ['not-a-bot', new RegExp(`\\b(?:get|let) me (?:out of|away from|past) (?:this |the |your )?${BOT}`)],
  ['callback', /\b(?:call|ring|phone) me back\b/],
  ['callback', /\b(?:call|ring|phone) me(?: please| asap| now| today| tomorrow| thanks)*$/],
  [
    'callback',
    /\b(?:request|want|need|get|arrange|book|schedule|like|have) (?:a|an) (?:call ?back|call from|phone call|phone call from)\b/,
  ],
];

/** A request that is negated, reported or asked about is not a request: "I don't need an agent". */
const NOT_A_REQUEST_BEFORE =
  /\b(?:don't|do not|dont|didn't|did not|never|no need to|not need to|without|told me to|told to|said to|asked me to|was told|(?:do|does|will|would|should) (?:i|we|you) (?:need|have) to|had to|not)\b|\b(?:am i|are we|was i|were we|are you|is this|do you|does it)\s*$/;

/** Asking how to reach the team by phone or email is a question for the contact-details answer. */
const ASKS_CONTACT_DETAILS =
  /\b(?:what(?:'s| is)? (?:the|your) (?:phone |telephone |contact )?(?:number|email)|what number|which number|(?:phone |telephone )?number (?:to|do|should|can|for)|by (?:e-?mail|phone|telephone|post|letter)|(?:e-?mail|postal) address (?:to|for|do|should)|what(?:'s| is) (?:the|your) (?:e-?mail|address))\b/;

/**
 * Tells whether a message asks for a person from the team, in any usual wording: politer and longer
 * forms, managers and supervisors, "is there a real person there?", transfer / escalate, refusing the
 * bot, a call back. A grammar (verb frames × person nouns), not a list of sentences: words that only
 * mention people ("how do I add a person to my account", "can someone else pick up my parcel",
 * "who is the delivery person") have no request frame and are `null`.
 *
 * @example
 * detectPersonRequest('Could I please speak with a supervisor?') // { kind: 'person', frame: 'contact' }
 * detectPersonRequest('can someone else pick up my parcel?')     // null
 */
export function detectPersonRequest(text: string | undefined): PersonRequest {
  if (text === undefined) return null;
  const normalised = normaliseChatText(text);
  if (normalised === '' || normalised.length > 400 || ASKS_CONTACT_DETAILS.test(normalised)) return null;
  for (const clause of clausesOf(normalised)) {
    for (const [frame, pattern] of FRAMES) {
      const found = pattern.exec(clause);
      if (found === null) continue;
      if (frame !== 'not-a-bot' && NOT_A_REQUEST_BEFORE.test(clause.slice(0, found.index))) continue;
      if (frame === 'want-then-clause') {
        if (isQuestionShaped(clause)) continue;
        return { kind: 'person', frame: 'want' };
      }
      return { kind: 'person', frame };
    }
  }
  return null;
}
