import { type Activity, EventFactory, type TurnContext } from 'botbuilder';
import {
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  type PromptOptions,
  type PromptValidatorContext,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { answerActivity } from '../src/chat/answer-activity.ts';
import { HANDOFF_DIALOG } from '../src/chat/dialog-ids.ts';
import { parseNameReply } from '../src/chat/name-reply.ts';
import { detectPersonRequest } from '../src/chat/person-request.ts';
import { isQuestionShaped } from '../src/chat/question-shape.ts';
import type { EscalationRequest, SupportServices } from '../src/chat/support-services.ts';
import { getTurnAnalysis, noteAnsweredEntry, noteTurnKind } from '../src/chat/turn-analysis.ts';
import { fill } from '../src/knowledge/fill-template.ts';
import type { Responses } from '../src/knowledge/knowledge-base.ts';
import type { KnowledgeEntry } from '../src/knowledge/knowledge-entry.ts';
import { normalizeEmail } from '../src/shared/email-address.ts';
import { CancelAndHelpDialog } from './cancel-and-help.dialog.ts';
import { OncePerTurnConfirmPrompt } from './once-per-turn.prompt.ts';

const HANDOFF_WATERFALL = 'handoffWaterfall';
const CONFIRM_PROMPT = 'handoffConfirmPrompt';
const NAME_PROMPT = 'handoffNamePrompt';
const EMAIL_PROMPT = 'handoffEmailPrompt';

const SKIP = /^(skip|no|none|no thanks|rather not|pass|-)$/i;
/** A reply to "shall I get a person?" that answers it, so it is not taken for a question. */
const YES_OR_NO = /^(y|n|yes|yeah|yep|yup|sure|ok|okay|please|no|nope|nah|not now|no thanks)\b/i;
interface HandoffValues {
  customerId: number;
  name: string | null;
  email: string | null;
  /** Outside business hours: when the team is back, as told to the customer (no live chat promised). */
  awayUntil?: string;
}

/**
 * Hands the conversation to a person: confirms (unless the customer asked, or the complaint is
 * critical), asks for a name and email when the CRM does not know them (either can be skipped),
 * opens or adds to the conversation's ticket, tells the customer its reference, and sends the Bot
 * Framework `handoff.initiate` event with the transcript.
 */
export class HandoffDialog extends CancelAndHelpDialog {
  constructor(services: SupportServices) {
    super(HANDOFF_DIALOG, services);
    this.addDialog(
      new OncePerTurnConfirmPrompt(CONFIRM_PROMPT, async ({ context, recognized }) => {
        noteTurnKind(context, { kind: 'prompt-reply', prompt: 'handoff-confirm' });
        return recognized.succeeded;
      }),
    );
    this.addDialog(
      new TextPrompt(NAME_PROMPT, async (prompt) => {
        noteTurnKind(prompt.context, { kind: 'prompt-reply', prompt: 'handoff-name' });
        return this.validName(prompt);
      }),
    );
    this.addDialog(new TextPrompt(EMAIL_PROMPT, (prompt) => this.validateEmail(prompt)));
    this.addDialog(
      new WaterfallDialog(HANDOFF_WATERFALL, [
        this.confirmStep.bind(this),
        this.nameStep.bind(this),
        this.emailStep.bind(this),
        this.ticketStep.bind(this),
      ]),
    );
    this.initialDialogId = HANDOFF_WATERFALL;
  }

  /**
   * Before a prompt reads the reply: asking for a person again at "shall I get a person?" is a
   * yes; a question instead of a name, an email or a yes / no is answered from the knowledge
   * and the same prompt asked again, so the handoff goes on where it was.
   */
  override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const prompt = dc.activeDialog?.id;
    const { context } = dc;
    if (context.activity.type === 'message' && prompt !== undefined) {
      const text = context.activity.text ?? '';
      if (prompt === CONFIRM_PROMPT && detectPersonRequest(text) !== null) {
        noteTurnKind(context, { kind: 'command' });
        await this.services.recordHandoffRequest(context, 'requested');
        return dc.endDialog(true);
      }
      const entry = this.questionAnswer(context, prompt, text);
      if (entry !== undefined) {
        noteTurnKind(context, { kind: 'question' });
        await context.sendActivity(answerActivity(this.services.knowledge(), entry));
        noteAnsweredEntry(context, entry.id);
        // Asked again in the plain words: an offer that said why ("I'm still not finding an
        // answer…") would be wrong right after an answer.
        if (prompt === CONFIRM_PROMPT) {
          const state = dc.activeDialog?.state as { options?: PromptOptions } | undefined;
          if (state?.options !== undefined) state.options.prompt = this.responses().handoffConfirm;
        }
        await dc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      }
    }
    return super.onContinueDialog(dc);
  }

  /**
   * The entry answering the message, when it is a question rather than a reply to the prompt: it
   * does not answer the prompt and the knowledge has a confident answer (or it is a topic button).
   */
  private questionAnswer(context: TurnContext, prompt: string, text: string): KnowledgeEntry | undefined {
    const analysis = getTurnAnalysis(context);
    if (analysis === undefined) return undefined;
    const kb = this.services.knowledge();
    const action = analysis.action;
    if (action?.kind === 'entry') return kb.entries.find((e) => e.id === action.entryId && e.enabled);
    const trimmed = text.trim();
    const answersPrompt =
      prompt === CONFIRM_PROMPT
        ? YES_OR_NO.test(trimmed) || !isQuestionShaped(trimmed)
        : prompt === NAME_PROMPT
          ? parseNameReply(trimmed).kind !== 'not-a-name'
          : prompt === EMAIL_PROMPT && (SKIP.test(trimmed) || emailIn(trimmed) !== undefined);
    // The cheap checks first: a reply to the prompt is never matched (only a question's match is stored).
    if (answersPrompt) return undefined;
    const { match } = analysis;
    return match?.kind === 'answer' ? match.entry : undefined;
  }

  private responses() {
    return this.services.knowledge().responses;
  }

  private async confirmStep(step: WaterfallStepContext<EscalationRequest>): Promise<DialogTurnResult> {
    if (step.options.skipConfirm) return step.next(true);
    const { responses } = this.services.knowledge();
    return step.prompt(CONFIRM_PROMPT, {
      prompt: step.options.confirmPrompt ?? responses.handoffConfirm,
      retryPrompt: responses.handoffConfirm,
    });
  }

  private async nameStep(step: WaterfallStepContext<EscalationRequest>): Promise<DialogTurnResult> {
    if (step.result !== true) {
      // A complaint offered a person before its answer: declining it gets the answer after all.
      const kb = this.services.knowledge();
      const held = kb.entries.find((e) => e.id === step.options.heldAnswer && e.enabled);
      await step.context.sendActivity(held === undefined ? kb.responses.handoffDeclined : answerActivity(kb, held));
      return step.endDialog();
    }
    const customerId = getTurnAnalysis(step.context)?.customerId ?? step.options.customerId;
    const contact = await this.services.contactOf(customerId);
    const values: HandoffValues = { customerId, name: contact.name, email: contact.email };
    (step.values as { handoff?: HandoffValues }).handoff = values;
    const team = this.services.teamAvailability();
    if (team.kind === 'closed') {
      values.awayUntil = team.backAt ?? this.responses().teamBackSoon;
      await step.context.sendActivity(fill(this.responses().teamAway, { when: values.awayUntil }));
    }
    if (contact.email !== null || contact.name !== null) return step.next(contact.name);
    return step.prompt(NAME_PROMPT, { prompt: this.responses().askName, retryPrompt: this.responses().invalidName });
  }

  private async emailStep(step: WaterfallStepContext<EscalationRequest>): Promise<DialogTurnResult> {
    const values = (step.values as { handoff?: HandoffValues }).handoff as HandoffValues;
    const reply = typeof step.result === 'string' ? parseNameReply(step.result) : undefined;
    if (values.name === null && reply?.kind === 'name') {
      values.name = reply.name.slice(0, 200);
      values.customerId = (
        await this.services.saveContact(currentCustomer(step, values), { name: values.name })
      ).customerId;
    }
    if (values.email !== null) return step.next(values.email);
    const ask = values.awayUntil === undefined ? this.responses().askEmail : this.responses().askEmailAfterHours;
    return step.prompt(EMAIL_PROMPT, { prompt: ask, retryPrompt: this.responses().invalidEmail });
  }

  /** A name, or "skip": "I want a real person" is not stored as the customer's name. */
  private async validName(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return parseNameReply(prompt.recognized.value ?? '').kind !== 'not-a-name';
  }

  private async validateEmail(prompt: PromptValidatorContext<string>): Promise<boolean> {
    noteTurnKind(prompt.context, { kind: 'prompt-reply', prompt: 'handoff-email' });
    const text = prompt.recognized.value?.trim() ?? '';
    return SKIP.test(text) || emailIn(text) !== undefined;
  }

  private async ticketStep(step: WaterfallStepContext<EscalationRequest>): Promise<DialogTurnResult> {
    const values = (step.values as { handoff?: HandoffValues }).handoff as HandoffValues;
    const email = typeof step.result === 'string' ? emailIn(step.result) : undefined;
    let unlinkedEmail: string | null = null;
    if (values.email === null && email !== undefined) {
      values.email = email;
      // The email may belong to a returning customer: a signed-in one is merged into theirs; a chat
      // that is not signed in stays apart, and the agent is told what was typed.
      const saved = await this.services.saveContact(currentCustomer(step, values), { email });
      values.customerId = saved.customerId;
      unlinkedEmail = saved.unlinkedEmail;
    }
    const conversationId = step.context.activity.conversation.id;
    const { reference, created, transcript } = await this.services.openTicket({
      ...step.options,
      conversationId,
      customerId: currentCustomer(step, values),
      unlinkedEmail,
    });
    await step.context.sendActivity(ticketMessage(this.responses(), created, values, reference));
    // Outside business hours nobody is there to take the chat: the ticket waits for the team.
    if (values.awayUntil !== undefined) return step.endDialog({ reference });
    const handoffContext = { reference, reason: step.options.reason, priority: step.options.priority };
    const event = EventFactory.createHandoffInitiation(step.context, handoffContext, {
      activities: transcript as Activity[],
    });
    await step.context.sendActivity(event);
    await this.services.startLiveHandoff(reference);
    return step.endDialog({ reference });
  }
}

/** What the customer is told about their ticket: never an email reply without an email, never a live reply after hours. */
function ticketMessage(responses: Responses, created: boolean, values: HandoffValues, reference: string): string {
  const when = values.awayUntil;
  const hasEmail = values.email !== null;
  if (when !== undefined) {
    if (!created) return fill(responses.ticketUpdatedAfterHours, { reference, when });
    return fill(hasEmail ? responses.ticketCreatedAfterHours : responses.ticketCreatedAfterHoursNoEmail, {
      reference,
      when,
    });
  }
  if (!created) return fill(responses.ticketUpdated, { reference });
  return fill(hasEmail ? responses.ticketCreated : responses.ticketCreatedNoEmail, { reference });
}

/**
 * The customer this turn's message was stored under (the feedback middleware's analysis), else the
 * one the dialog saw last: the id kept in dialog state can go stale between prompts when another
 * conversation merges that customer away.
 */
function currentCustomer(step: WaterfallStepContext<EscalationRequest>, values: HandoffValues): number {
  return getTurnAnalysis(step.context)?.customerId ?? values.customerId;
}

/** The address in a reply to the email prompt: the whole reply, or its one word with an "@" ("it's sam@example.com"). */
function emailIn(text: string): string | undefined {
  const whole = normalizeEmail(text);
  if (whole !== undefined) return whole;
  const words = text.split(/\s+/).filter((word) => word.includes('@'));
  return words.length === 1 && words[0] !== undefined
    ? normalizeEmail(words[0].replace(/^[<(]+|[>).,!;:]+$/g, ''))
    : undefined;
}
