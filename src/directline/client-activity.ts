import { activityValidator } from '../shared/activity.schema.ts';

/** Activity types a Direct Line client may post; anything else (e.g. a forged `conversationUpdate`) is refused. */
const CLIENT_ACTIVITY_TYPES = ['message', 'event', 'typing'] as const;
type ClientActivityType = (typeof CLIENT_ACTIVITY_TYPES)[number];

/** Fields the server sets itself; a client's values for them are dropped. */
const SERVER_OWNED_FIELDS = [
  'id',
  'timestamp',
  'serviceUrl',
  'channelId',
  'conversation',
  'recipient',
  'from',
  'callerId',
  'replyToId',
] as const;

/** Longest display name a client may give itself. */
export const MAX_USER_NAME_LENGTH = 100;

/** Longest client activity id (`channelData.clientActivityID` or `id`) a client may send. */
const MAX_CLIENT_ACTIVITY_ID_LENGTH = 200;

/** The client's activity: its type, its other fields minus the server-owned ones, and the display name it asked for. */
export interface ClientActivity {
  readonly type: ClientActivityType;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly fromName?: string;
  /**
   * The client's own id for this post (`channelData.clientActivityID`, as Web Chat sends, else
   * `id`): a retried post with the same one is the same activity, stored and answered once.
   */
  readonly clientActivityId?: string;
}

export type ClientActivityCheck =
  | { readonly kind: 'ok'; readonly activity: ClientActivity }
  | { readonly kind: 'invalid'; readonly problem: string };

/** The activity schema plus what only a Direct Line client is held to: its types, and a shorter display name. */
const validateClientActivity = activityValidator({
  type: 'object',
  properties: {
    type: { enum: CLIENT_ACTIVITY_TYPES },
    from: { type: 'object', properties: { name: { type: ['string', 'null'], maxLength: MAX_USER_NAME_LENGTH } } },
    id: { type: ['string', 'null'], minLength: 1, maxLength: MAX_CLIENT_ACTIVITY_ID_LENGTH },
    channelData: {
      type: 'object',
      properties: {
        clientActivityID: { type: ['string', 'null'], minLength: 1, maxLength: MAX_CLIENT_ACTIVITY_ID_LENGTH },
      },
    },
  },
});

/**
 * Checks that a posted body is an activity a client may send (the shared activity schema, the
 * client types, a display name of at most {@link MAX_USER_NAME_LENGTH}), naming the problem.
 * Server-owned fields (`id`, `from`, `conversation`, …) are dropped: the server sets them from the
 * token, so a client cannot speak as someone else or into another conversation.
 */
export function checkClientActivity(body: unknown): ClientActivityCheck {
  const check = validateClientActivity(body);
  if (check.kind === 'invalid') return check;
  const { type, from, ...rest } = check.activity;
  const fields: Record<string, unknown> = rest;
  for (const field of SERVER_OWNED_FIELDS) delete fields[field];
  // The schema has checked both: `type` is a client type, `from.name` a short string or null.
  const name = (from as { name?: string | null } | undefined)?.name;
  const clientActivityId = clientActivityIdOf(check.activity);
  const activity: ClientActivity = {
    type: type as ClientActivityType,
    fields,
    ...(typeof name === 'string' && name !== '' ? { fromName: name } : {}),
    ...(clientActivityId === undefined ? {} : { clientActivityId }),
  };
  return { kind: 'ok', activity };
}

/** `channelData.clientActivityID` (what Web Chat sends), else `id`; the schema has checked both are short non-empty strings. */
function clientActivityIdOf(body: Readonly<Record<string, unknown>>): string | undefined {
  const channelData = body.channelData as { clientActivityID?: unknown } | undefined;
  const candidate = channelData?.clientActivityID ?? body.id;
  return typeof candidate === 'string' ? candidate : undefined;
}
