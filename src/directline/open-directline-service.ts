import type { TextRedactor } from '../privacy/redaction.ts';
import type { DirectLineRepository } from './directline.repository.ts';
import { DirectLineService } from './directline.service.ts';
import { resolveDirectLineSecret } from './directline-secret.ts';
import { DirectLineTokens } from './directline-tokens.ts';
import { TranscriptEvents } from './transcript-events.ts';

/** Bot id on Direct Line when no Microsoft app id is configured. */
const LOCAL_BOT_ID = 'answerdesk-bot';

/** What the Direct Line service needs to know: its secret, token lifetime and the bot it speaks for. */
export interface DirectLineSettings {
  /** Token signing secret; empty = the one kept in the database (created on first start). */
  readonly secret: string;
  readonly tokenTtlSeconds: number;
  /** The bot's Microsoft app id; empty = `LOCAL_BOT_ID`. */
  readonly botAppId: string;
  /** The bot's name as the widget shows it. */
  readonly botName: string;
}

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
  settings: DirectLineSettings,
  /** Masks what customers and agents post before it is stored (default: nothing masked). */
  redactor?: TextRedactor,
): Promise<OpenedDirectLine> {
  const secret = await resolveDirectLineSecret(settings.secret, repository);
  const events = new TranscriptEvents();
  const service = new DirectLineService(
    repository,
    new DirectLineTokens(secret, settings.tokenTtlSeconds),
    events,
    {
      id: settings.botAppId === '' ? LOCAL_BOT_ID : settings.botAppId,
      name: settings.botName,
      role: 'bot',
    },
    undefined,
    redactor,
  );
  return { service, events };
}
