import { ActivityHandler, ActivityTypes, type TurnContext } from 'botbuilder';

/** The bot's wording that does not come from the knowledge base yet. */
export const NOT_READY_MESSAGE =
  "Hello! I'm the answerdesk support assistant. I can't answer questions yet: my knowledge base is not set up. " +
  'Please contact support by email in the meantime.';
export const WELCOME_MESSAGE = "Hi! I'm the answerdesk support assistant.";

/** The activity handler: greets new members and replies to messages. */
export class SupportBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== botId) await context.sendActivity(WELCOME_MESSAGE);
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.reply(context);
      await next();
    });
  }

  private async reply(context: TurnContext): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return;
    await context.sendActivity(NOT_READY_MESSAGE);
  }
}
