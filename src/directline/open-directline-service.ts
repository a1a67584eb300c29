import type { Config } from '../config/config.ts';
import { resolveDirectLineSecret } from './directline-secret.ts';
import type { DirectLineRepository } from './directline.repository.ts';
import { DirectLineService } from './directline.service.ts';
import { DirectLineTokens } from './directline-tokens.ts';
import { TranscriptEvents } from './transcript-events.ts';

/** Bot id on Direct Line when no Microsoft app id is configured. */
const LOCAL_BOT_ID = 'answerdesk-bot';

/** The Direct Line service and the in-process events its streams listen to (one pair per process). */
export interface OpenedDirectLine {
  readonly service: DirectLineService;
  readonly events: TranscriptEvents;
}

/**
 * Builds the Direct Line service over the repository it is given: resolves the token signing
 * secret (the configured one, else the one kept in the database, see `resolveDirectLineSecret`)
 * and names the bot as the widget shows it.
 */
export async function openDirectLineService(
  repository: DirectLineRepository,
  config: Pick<Config, 'bot' | 'directLine' | 'widget'>,
): Promise<OpenedDirectLine> {
  const secret = await resolveDirectLineSecret(config.directLine.secret, repository);
  const events = new TranscriptEvents();
  const service = new DirectLineService(repository, new DirectLineTokens(secret, config.directLine.tokenTtlSeconds), events, {
    id: config.bot.appId === '' ? LOCAL_BOT_ID : config.bot.appId,
    name: config.widget.botName,
    role: 'bot',
  });
  return { service, events };
}
