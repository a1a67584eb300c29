import { type Activity, ActivityEventNames, type TestAdapter, type TurnContext } from 'botbuilder';
import type { MessageAnalysis } from '../../src/analysis/message-analysis.ts';
import type { SupportBot } from '../../src/bot/support-bot.ts';
import type { ComplaintCategory } from '../../src/complaints/complaint-category.ts';
import type { ComplaintSeverity } from '../../src/complaints/complaint-severity.ts';
import type { LiveChatChannel } from '../../src/handoff/agent-handoff.service.ts';
import { clickValue } from './bot-harness.ts';
import { FIXTURE_KB } from './fixture-kb.ts';

const R = FIXTURE_KB.responses;

/** The time the scenario's services and messages see; each step moves it. */
export class ScenarioClock {
  private at = new Date(0);
  readonly now = (): Date => new Date(this.at);
  set(iso: string): void {
    this.at = new Date(iso);
  }
  advance(seconds: number): string {
    this.at = new Date(this.at.getTime() + seconds * 1000);
    return this.at.toISOString();
  }
}

/** What the scripted analyzer says about one exact text (everything else: neutral, no complaint). */
export interface ScriptedMood {
  readonly comparative: number;
  readonly complaint?: { readonly category: ComplaintCategory; readonly severity: ComplaintSeverity };
}

/** A scripted sentiment and complaint analysis, so the scenario knows each message's mood exactly. */
export function scriptedAnalysis(moods: ReadonlyMap<string, ScriptedMood>): (text: string) => MessageAnalysis {
  return (text) => {
    const mood = moods.get(text);
    const comparative = mood?.comparative ?? 0;
    return {
      sentiment: {
        score: comparative * 5,
        comparative,
        label: comparative <= -0.05 ? 'negative' : comparative >= 0.05 ? 'positive' : 'neutral',
      },
      complaint:
        mood?.complaint === undefined
          ? { isComplaint: false, category: null, severity: null, confidence: 0.9 }
          : { isComplaint: true, ...mood.complaint, confidence: 0.9 },
    };
  };
}

/** One customer's chat with the real bot on a TestAdapter, at the scenario clock's time. */
export class ScenarioChat {
  private last: Array<Partial<Activity>> = [];

  constructor(
    private readonly adapter: TestAdapter,
    private readonly clock: ScenarioClock,
    readonly conversationId: string,
  ) {}

  /** The customer types `text` at the clock's time (or at `at`); returns the bot's replies. */
  async say(text: string, at?: string): Promise<Array<Partial<Activity>>> {
    return this.send({ type: 'message', text }, at);
  }

  /** The customer clicks the button titled `title` of the bot's latest replies. */
  async click(title: string, at?: string): Promise<Array<Partial<Activity>>> {
    const offering = this.last.find((a) => a.suggestedActions?.actions.some((x) => x.title === title));
    if (offering === undefined) throw new Error(`${this.conversationId}: no "${title}" button in the last replies`);
    return this.send({ type: 'message', text: title, value: clickValue(offering, title) }, at);
  }

  /** Answers the handoff's prompts (confirm, name, email) until the ticket is opened; its reference. */
  async finishHandoff(name: string, email: string): Promise<string> {
    for (let step = 0; step < 5; step += 1) {
      const texts = this.last.map((a) => a.text ?? '');
      const reference = texts.join(' ').match(/T-\d+/)?.[0];
      if (reference !== undefined) return reference;
      this.clock.advance(10);
      // Prompts may carry their choices inline ("Shall I get a person? (1) Yes or (2) No").
      const asks = (prompt: string) => texts.some((t) => t.startsWith(prompt));
      // The offer after repeated misses is itself the confirmation ("I still cannot find it. Want a person?").
      if (asks(R.handoffConfirm) || asks(R.fallbackOfferHuman)) await this.say('yes');
      else if (asks(R.askName)) await this.say(name);
      else if (asks(R.askEmail)) await this.say(email);
      else throw new Error(`${this.conversationId}: no handoff prompt in ${JSON.stringify(texts)}`);
    }
    throw new Error(`${this.conversationId}: no ticket after the handoff prompts`);
  }

  /** The bot's replies to the customer's latest message. */
  replies(): string[] {
    return this.last.map((a) => a.text ?? '');
  }

  /** A proactive turn in this conversation (what `LiveChat` does over a real channel). */
  async proactive(logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.adapter.processActivity(
      { ...this.envelope(), type: 'event', name: ActivityEventNames.ContinueConversation },
      logic,
    );
    this.last = this.adapter.activeQueue.splice(0);
  }

  private async send(activity: Partial<Activity>, at?: string): Promise<Array<Partial<Activity>>> {
    if (at !== undefined) this.clock.set(at);
    await this.adapter.processActivity({ ...this.envelope(), ...activity });
    this.last = this.adapter.activeQueue.splice(0);
    return this.last;
  }

  private envelope(): Partial<Activity> {
    return {
      channelId: 'test',
      timestamp: this.clock.now(),
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: `user-${this.conversationId}`, name: '', role: 'user' },
    };
  }
}

/** The agents' side of the live chat over the TestAdapter: what `LiveChat` sends, as proactive turns. */
export function scenarioLiveChat(bot: SupportBot, chats: ReadonlyMap<string, ScenarioChat>): LiveChatChannel {
  const chat = (conversationId: string): ScenarioChat => {
    const found = chats.get(conversationId);
    if (found === undefined) throw new Error(`no scenario chat ${conversationId}`);
    return found;
  };
  return {
    sendAgentReply: (conversationId, agent, text) =>
      chat(conversationId).proactive(async (context) => {
        await context.sendActivity({
          type: 'message',
          text,
          channelData: { answerdesk: { author: 'agent', agentId: agent.id } },
        });
      }),
    sendAgentTyping: async () => {},
    announceAccepted: (conversationId, agent) =>
      chat(conversationId).proactive(async (context) => {
        await context.sendActivity(R.agentJoined.replace('{agent}', agent.name));
      }),
    announceCompleted: (conversationId, reference) =>
      chat(conversationId).proactive((context) => bot.beginCsat(context, reference)),
  };
}
