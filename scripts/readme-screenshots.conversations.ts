/**
 * The day of the sample shop that scripts/readme-screenshots.ts plays: signed-in customers, their
 * questions (answered, "did you mean", misses), votes, complaints and handoffs, and what the agents do.
 */
/** A signed-in customer of the shop (a bound id: the same CRM customer in every conversation). */
export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/** One step of a conversation: a question, a vote on the answer, or a button's title. */
export type Step =
  | { readonly say: string }
  | { readonly vote: 'Yes' | 'No' }
  | { readonly handoff: true }
  | { readonly rate: string; readonly comment: string };

export const people: Customer[] = [
  { id: 'cust-1001', name: 'Maria Lopez', email: 'maria.lopez@example.com' },
  { id: 'cust-1002', name: 'James Carter', email: 'james.carter@example.com' },
  { id: 'cust-1003', name: 'Priya Shah', email: 'priya.shah@example.com' },
  { id: 'cust-1004', name: 'Tom Becker', email: 'tom.becker@example.com' },
  { id: 'cust-1005', name: 'Emma Wilson', email: 'emma.wilson@example.com' },
  { id: 'cust-1006', name: 'Lucas Martin', email: 'lucas.martin@example.com' },
  { id: 'cust-1007', name: 'Sofia Rossi', email: 'sofia.rossi@example.com' },
  { id: 'cust-1008', name: 'Noah Kim', email: 'noah.kim@example.com' },
];

const q = (say: string): Step => ({ say });
const yes: Step = { vote: 'Yes' };
const no: Step = { vote: 'No' };

/** What an agent does with a handoff: the first reply and the solve, seconds after the ticket opened (real waits). */
export interface AgentWork {
  readonly replyAfter: number;
  readonly reply: string;
  readonly solveAfter: number;
  readonly rate?: readonly [string, string];
}

/** The day's conversations: who, and what they do. Handoffs with `agent` are worked by an agent, the rest wait in the queue. */
export const conversations: Array<{ who: number; steps: Step[]; agent?: AgentWork }> = [
  { who: 0, steps: [q('where is my order'), yes] },
  { who: 1, steps: [q('how do I return an item'), yes] },
  { who: 2, steps: [q('i forgot my password'), yes] },
  { who: 3, steps: [q('how long does shipping take'), yes] },
  { who: 4, steps: [q('can I pay with paypal'), yes] },
  { who: 5, steps: [q('how do i create an account'), yes] },
  { who: 6, steps: [q('when will I get my refund'), no] },
  { who: 7, steps: [q('do you ship internationally'), yes] },
  { who: 0, steps: [q('can I change my delivery address'), yes] },
  { who: 1, steps: [q('how do I unsubscribe from your emails'), yes] },
  { who: 2, steps: [q('my order is late'), no, q('any update on my delivery?')] },
  { who: 3, steps: [q('do you price match'), yes] },
  { who: 4, steps: [q('can i order without an account'), yes] },
  { who: 5, steps: [q('what is your returns policy'), yes] },
  { who: 6, steps: [q('is there a warranty on the lamps'), yes] },
  { who: 7, steps: [q('do you have gift cards'), yes] },
  { who: 1, steps: [q('I was charged twice for my order'), no] },
  { who: 3, steps: [q('can I cancel my order'), yes] },
  { who: 4, steps: [q('do you sell bicycles for kids'), q('what about electric scooters')] },
  { who: 5, steps: [q('track my parcel'), yes] },
  { who: 7, steps: [q('disable two factor authentication'), yes] },
  { who: 6, steps: [q('change the email I log in with'), yes] },
  { who: 0, steps: [q('how do I use a discount code'), no] },
  { who: 1, steps: [q('where is my parcel'), yes] },
  { who: 3, steps: [q('what is the weather tomorrow')] },
  { who: 5, steps: [q('how do I save a new address in my account'), yes] },
  { who: 7, steps: [q('order status'), yes] },
  { who: 2, steps: [q('can I pay in instalments'), no] },
  {
    who: 0,
    steps: [q('where is my order'), no, q('it has been three weeks and nobody answers my emails'), { handoff: true }],
    agent: {
      replyAfter: 40,
      reply: 'Hi Maria, sorry about the wait. Your parcel was held at the depot; it goes out today.',
      solveAfter: 200,
      rate: ['5', 'Sorted quickly, thank you'],
    },
  },
  {
    who: 6,
    steps: [q('I want to talk to a person'), { handoff: true }],
    agent: {
      replyAfter: 95,
      reply: 'Hi Sofia, I have refunded the second charge; you will see it in 3-5 days.',
      solveAfter: 260,
      rate: ['3', 'Fine, but it took a while'],
    },
  },
  {
    who: 4,
    steps: [q('the courier left my parcel in the rain and it is ruined, this is unacceptable'), { handoff: true }],
    agent: {
      replyAfter: 150,
      reply: 'Hi Emma, I am sorry. A replacement is on its way and you do not need to send anything back.',
      solveAfter: 320,
    },
  },
  {
    who: 2,
    steps: [q('the sofa arrived with a broken leg and the box was soaked, really disappointed'), { handoff: true }],
  },
];
