/** Activity types a Direct Line client may post; anything else (e.g. a forged `conversationUpdate`) is refused. */
export const CLIENT_ACTIVITY_TYPES = ['message', 'event', 'typing'] as const;
export type ClientActivityType = (typeof CLIENT_ACTIVITY_TYPES)[number];

/** Fields the server sets itself; a client's values for them are dropped. */
const SERVER_OWNED_FIELDS = ['id', 'timestamp', 'serviceUrl', 'channelId', 'conversation', 'recipient', 'from', 'callerId', 'replyToId'] as const;

/** Longest display name a client may give itself. */
export const MAX_USER_NAME_LENGTH = 100;

/** Longest client activity id (`channelData.clientActivityID` or `id`) a client may send. */
export const MAX_CLIENT_ACTIVITY_ID_LENGTH = 200;

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

export type ClientActivityCheck = { readonly kind: 'ok'; readonly activity: ClientActivity } | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Checks that a posted body is an activity a client may send, naming the first problem found.
 * Server-owned fields (`id`, `from`, `conversation`, …) are dropped: the server sets them from the
 * token, so a client cannot speak as someone else or into another conversation.
 */
export function checkClientActivity(body: unknown): ClientActivityCheck {
  if (!isRecord(body)) {
    return invalid('The request body must be a JSON object (a Bot Framework activity) sent with Content-Type: application/json.');
  }
  const { type } = body;
  if (typeof type !== 'string' || type === '') return invalid('The activity has no "type".');
  if (!isClientType(type)) return invalid(`The activity's "type" must be one of ${CLIENT_ACTIVITY_TYPES.join(', ')} (got "${type.slice(0, 40)}").`);
  if (body.text !== undefined && typeof body.text !== 'string') return invalid('The activity\'s "text" must be a string.');
  if (body.attachments !== undefined && !Array.isArray(body.attachments)) return invalid('The activity\'s "attachments" must be an array.');
  if (body.channelData !== undefined && !isRecord(body.channelData)) return invalid('The activity\'s "channelData" must be an object.');
  if (body.name !== undefined && typeof body.name !== 'string') return invalid('The activity\'s "name" must be a string.');
  let fromName: string | undefined;
  if (body.from !== undefined) {
    if (!isRecord(body.from)) return invalid('The activity\'s "from" must be an object.');
    const { name } = body.from;
    if (name !== undefined && name !== null) {
      if (typeof name !== 'string' || name.length > MAX_USER_NAME_LENGTH) {
        return invalid(`The activity's "from.name" must be a string of at most ${MAX_USER_NAME_LENGTH} characters.`);
      }
      if (name !== '') fromName = name;
    }
  }
  const clientId = clientActivityIdOf(body);
  if (clientId.kind === 'invalid') return clientId;
  const { clientActivityId } = clientId;
  const { type: _type, ...fields } = body;
  for (const field of SERVER_OWNED_FIELDS) delete fields[field];
  return {
    kind: 'ok',
    activity: {
      type,
      fields,
      ...(fromName === undefined ? {} : { fromName }),
      ...(clientActivityId === undefined ? {} : { clientActivityId }),
    },
  };
}

/** `channelData.clientActivityID` (what Web Chat sends), else `id`; each must be a short non-empty string when given. */
function clientActivityIdOf(body: Record<string, unknown>): { kind: 'ok'; clientActivityId: string | undefined } | { kind: 'invalid'; problem: string } {
  const candidates: Array<[string, unknown]> = [
    ['channelData.clientActivityID', isRecord(body.channelData) ? body.channelData.clientActivityID : undefined],
    ['id', body.id],
  ];
  for (const [where, value] of candidates) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value === '' || value.length > MAX_CLIENT_ACTIVITY_ID_LENGTH) {
      return { kind: 'invalid', problem: `The activity's "${where}" must be a non-empty string of at most ${MAX_CLIENT_ACTIVITY_ID_LENGTH} characters.` };
    }
    return { kind: 'ok', clientActivityId: value };
  }
  return { kind: 'ok', clientActivityId: undefined };
}

function invalid(problem: string): ClientActivityCheck {
  return { kind: 'invalid', problem };
}

function isClientType(type: string): type is ClientActivityType {
  return (CLIENT_ACTIVITY_TYPES as readonly string[]).includes(type);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
