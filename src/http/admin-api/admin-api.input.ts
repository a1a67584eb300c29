import { Ajv, type ErrorObject } from 'ajv';
import type { Request } from 'express';
import { badRequest as bad, integerParam } from '../query-input.ts';

/** Longest phrasing, title or entry id accepted; an answer may be longer. */
const MAX_TEXT = 1000;
const MAX_ANSWER = 20_000;
/** Most phrasings one accept or dismiss may name. */
const MAX_PHRASINGS = 1000;

const text = (maxLength: number): object => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' });
const phrasings = { type: 'array', minItems: 1, maxItems: MAX_PHRASINGS, items: text(MAX_TEXT) };

const ACCEPT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    entryId: text(MAX_TEXT),
    newEntry: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'title', 'answer'],
      properties: { id: text(MAX_TEXT), title: text(MAX_TEXT), answer: text(MAX_ANSWER) },
    },
    outOfScope: { const: true },
    phrasings,
  },
} as const;

const DISMISS_SCHEMA = { type: 'object', additionalProperties: false, properties: { phrasings } } as const;

interface AcceptBody {
  entryId?: string;
  newEntry?: { id: string; title: string; answer: string };
  outOfScope?: true;
  phrasings?: string[];
}

const ajv = new Ajv({ allErrors: false, strict: true });
const checkAccept = ajv.compile<AcceptBody>(ACCEPT_SCHEMA);
const checkDismiss = ajv.compile<{ phrasings?: string[] }>(DISMISS_SCHEMA);

/** Where accepted phrasings go. */
type AcceptTarget =
  | { readonly kind: 'entry'; readonly entryId: string }
  | { readonly kind: 'new-entry'; readonly id: string; readonly title: string; readonly answer: string }
  | { readonly kind: 'out-of-scope' };

/** The body of `POST /suggestions/:id/accept`; `phrasings` absent means all of the suggestion's. */
export interface AcceptRequest {
  readonly target: AcceptTarget;
  readonly phrasings: readonly string[] | undefined;
}

/** The request's JSON object body; no body counts as `{}`. */
function objectBody(req: Request): unknown {
  const body: unknown = req.body;
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw bad('The request body must be a JSON object (Content-Type: application/json).');
  }
  return body;
}

/** `{ entryId }` | `{ newEntry: { id, title, answer } }` | `{ outOfScope: true }`, with optional `phrasings: [texts]`. */
export function parseAccept(req: Request): AcceptRequest {
  const body = objectBody(req);
  if (!checkAccept(body)) throw bad(describe(checkAccept.errors));
  const given = (['entryId', 'newEntry', 'outOfScope'] as const).filter((key) => body[key] !== undefined);
  if (given.length !== 1) {
    throw bad(
      given.length === 0
        ? 'Say where the phrasings go: entryId (an existing entry), newEntry ({ id, title, answer }) or outOfScope: true'
        : `${given.join(', ')}: give only one of entryId, newEntry, outOfScope`,
    );
  }
  const target: AcceptTarget =
    body.entryId !== undefined
      ? { kind: 'entry', entryId: body.entryId.trim() }
      : body.newEntry !== undefined
        ? {
            kind: 'new-entry',
            id: body.newEntry.id.trim(),
            title: body.newEntry.title.trim(),
            answer: body.newEntry.answer,
          }
        : { kind: 'out-of-scope' };
  return { target, phrasings: body.phrasings };
}

/** `{ phrasings? }`: dismiss only these (default: all of the suggestion's). */
export function parseDismiss(req: Request): readonly string[] | undefined {
  const body = objectBody(req);
  if (!checkDismiss(body)) throw bad(describe(checkDismiss.errors));
  return body.phrasings;
}

/** `?limit=` from 1 to `max` (default `fallback`). */
export function parseLimit(req: Request, fallback: number, max: number): number {
  return integerParam(req, 'limit', fallback, 1, max);
}

/** The first problem, naming the field as `newEntry.title` or `phrasings[2]`. */
function describe(errors: readonly ErrorObject[] | null | undefined): string {
  const error = errors?.[0];
  if (error === undefined) return 'The request body is not valid.';
  const params = error.params as Record<string, unknown>;
  const field = error.instancePath
    .split('/')
    .slice(1)
    .map((step, index) => (/^\d+$/.test(step) ? `[${step}]` : index === 0 ? step : `.${step}`))
    .join('');
  const at = (name: string): string => (field === '' ? name : `${field}.${name}`);
  switch (error.keyword) {
    case 'required':
      return `${at(String(params.missingProperty))}: required`;
    case 'additionalProperties':
      return `${at(String(params.additionalProperty))}: unknown field`;
    case 'type':
      return `${field}: must be ${String(params.type) === 'array' ? 'a list' : `a ${String(params.type)}`}`;
    case 'minLength':
    case 'pattern':
      return `${field}: must not be empty`;
    case 'maxLength':
      return `${field}: must be at most ${String(params.limit)} characters`;
    case 'minItems':
      return `${field}: must name at least one phrasing`;
    case 'maxItems':
      return `${field}: at most ${String(params.limit)} items`;
    case 'const':
      return `${field}: must be true`;
    default:
      return `${field}: ${error.message ?? 'is not valid'}`;
  }
}
