import { Ajv, type ErrorObject } from 'ajv';

/** Longest id (activity, conversation, account) accepted; Teams and Azure ids stay well under it. */
const MAX_ID_LENGTH = 1024;
/** Longest display name of an account or conversation. */
const MAX_NAME_LENGTH = 256;
/** Longest message text; a customer message is a few hundred characters, an answer a few thousand. */
const MAX_TEXT_LENGTH = 100_000;
/** Most attachments, entities or suggested actions one activity may carry. */
const MAX_LIST_ITEMS = 100;

const SHORT = 64;
const URL_LENGTH = 2048;

const str = (maxLength: number): object => ({ type: 'string', maxLength });
const list = (items: object): object => ({ type: 'array', maxItems: MAX_LIST_ITEMS, items });

const channelAccount = {
  type: 'object',
  properties: {
    id: str(MAX_ID_LENGTH),
    // Some clients send `"name": null` for "no name"; it is read as absent.
    name: { type: ['string', 'null'], maxLength: MAX_NAME_LENGTH },
    role: str(SHORT),
    aadObjectId: str(MAX_ID_LENGTH),
  },
};

/**
 * The JSON Schema of the Bot Framework activity fields answerdesk reads, with length limits. Fields
 * it does not know are kept as they came (channels add their own), but each one it reads has the
 * type the code expects, so a turn never starts on an activity it would choke on.
 */
const ACTIVITY_SCHEMA = {
  $id: 'answerdesk:activity',
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', minLength: 1, maxLength: SHORT },
    id: str(MAX_ID_LENGTH),
    channelId: str(SHORT),
    serviceUrl: str(URL_LENGTH),
    timestamp: str(SHORT),
    localTimestamp: str(SHORT),
    localTimezone: str(SHORT),
    locale: str(SHORT),
    text: str(MAX_TEXT_LENGTH),
    textFormat: str(SHORT),
    speak: str(MAX_TEXT_LENGTH),
    summary: str(MAX_TEXT_LENGTH),
    inputHint: str(SHORT),
    deliveryMode: str(SHORT),
    callerId: str(URL_LENGTH),
    name: str(MAX_NAME_LENGTH),
    replyToId: str(MAX_ID_LENGTH),
    from: channelAccount,
    recipient: channelAccount,
    conversation: {
      type: 'object',
      properties: {
        id: str(MAX_ID_LENGTH),
        name: { type: ['string', 'null'], maxLength: MAX_NAME_LENGTH },
        conversationType: str(SHORT),
        tenantId: str(MAX_ID_LENGTH),
        isGroup: { type: 'boolean' },
      },
    },
    membersAdded: list(channelAccount),
    membersRemoved: list(channelAccount),
    channelData: { type: 'object' },
    attachments: list({
      type: 'object',
      properties: {
        contentType: str(256),
        contentUrl: str(URL_LENGTH),
        name: str(MAX_NAME_LENGTH),
        thumbnailUrl: str(URL_LENGTH),
      },
    }),
    entities: list({ type: 'object', properties: { type: str(256) } }),
    suggestedActions: {
      type: 'object',
      properties: {
        to: list(str(MAX_ID_LENGTH)),
        actions: list({
          type: 'object',
          properties: { type: str(SHORT), title: str(MAX_NAME_LENGTH), text: str(MAX_TEXT_LENGTH) },
        }),
      },
    },
  },
} as const;

/** An activity that passed: the same object, now known to be a JSON object. */
type ActivityCheck =
  | { readonly kind: 'ok'; readonly activity: Record<string, unknown> }
  | { readonly kind: 'invalid'; readonly problem: string };

/** Checks a parsed request body against {@link ACTIVITY_SCHEMA} plus a place's own rules. */
export type ActivityValidator = (body: unknown) => ActivityCheck;

/** Problems quoted in one message; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 3;

// strictRequired off: a place's rules may require a field whose type the shared schema defines.
// inlineRefs off: each place's validator calls the shared schema's one compiled function instead of
// generating its own copy of it (three copies were most of this module's cost at every start-up).
const ajv = new Ajv({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  verbose: true,
  inlineRefs: false,
});
ajv.addSchema(ACTIVITY_SCHEMA);

/**
 * A validator for {@link ACTIVITY_SCHEMA} (compiled once per process) and `extra`, a JSON Schema
 * fragment with the rules of one place, e.g. which types a Direct Line client may post, or that
 * `/api/messages` needs `from.id`. Problems name the field as a JSON pointer:
 * `The activity's "/from/name" must be a string.`
 *
 * @example
 * const check = activityValidator({ type: 'object', required: ['conversation'] });
 * const result = check(req.body);
 * if (result.kind === 'invalid') throw new HttpError(400, 'bad_request', result.problem);
 */
export function activityValidator(extra: object = {}): ActivityValidator {
  const validate = ajv.compile({ allOf: [{ $ref: ACTIVITY_SCHEMA.$id }, extra] });
  return (body) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return {
        kind: 'invalid',
        problem:
          'The request body must be a JSON object (a Bot Framework activity) sent with Content-Type: application/json.',
      };
    }
    if (validate(body)) return { kind: 'ok', activity: body as Record<string, unknown> };
    const problems = [...new Set((validate.errors ?? []).map(describeError))];
    const more = problems.length > MAX_PROBLEMS_SHOWN ? ` (and ${problems.length - MAX_PROBLEMS_SHOWN} more)` : '';
    return { kind: 'invalid', problem: `${problems.slice(0, MAX_PROBLEMS_SHOWN).join(' ')}${more}` };
  };
}

function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const at = `"${error.instancePath}"`;
  switch (error.keyword) {
    case 'required':
      return `The activity has no "${error.instancePath}/${String(params['missingProperty'])}" (it is required).`;
    case 'type': {
      const wanted = String(params['type'])
        .split(',')
        .map((t) => (t === 'object' || t === 'array' ? `an ${t}` : t === 'null' ? 'null' : `a ${t}`));
      return `The activity's ${at} must be ${wanted.join(' or ')}.`;
    }
    case 'minLength':
      return `The activity's ${at} must not be empty.`;
    case 'maxLength':
      return `The activity's ${at} must be at most ${String(params['limit'])} characters.`;
    case 'maxItems':
      return `The activity's ${at} must have at most ${String(params['limit'])} items.`;
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String).join(', ');
      const got = typeof error.data === 'string' ? ` (got ${JSON.stringify(error.data.slice(0, 40))})` : '';
      return `The activity's ${at} must be one of ${allowed}${got}.`;
    }
    default:
      return `The activity's ${at} ${error.message ?? 'is not valid'}.`;
  }
}
