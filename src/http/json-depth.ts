import type { RequestHandler } from 'express';
import { HttpError } from './http.error.ts';

/**
 * How deeply a JSON request body may nest objects and arrays (the body itself is level 1). Bot
 * Framework activities, Adaptive Cards included, stay far below; past a few thousand levels
 * `JSON.stringify` and every recursive walk overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Longest JSON pointer an error message quotes; the rest is cut with an ellipsis. */
const MAX_POINTER_LENGTH = 160;

/**
 * The JSON pointer of the first value nested deeper than `maxDepth` (the root is level 1), or
 * `undefined` when `value` stays within it. Walks without recursion, so it cannot overflow itself.
 */
function tooDeepAt(value: unknown, maxDepth: number = MAX_JSON_DEPTH): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Frame[] = [{ value, depth: 1, key: '', parent: undefined }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (frame.depth > maxDepth) return pointerOf(frame);
    for (const [key, child] of Object.entries(frame.value as object)) {
      if (typeof child === 'object' && child !== null)
        stack.push({ value: child, depth: frame.depth + 1, key, parent: frame });
    }
  }
  return undefined;
}

/** A container on the walk; the pointer is only spelled out for the one that is too deep. */
interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly key: string;
  readonly parent: Frame | undefined;
}

function pointerOf(frame: Frame): string {
  const keys: string[] = [];
  for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent)
    keys.push(at.key.replaceAll('~', '~0').replaceAll('/', '~1'));
  return keys
    .reverse()
    .map((key) => `/${key}`)
    .join('');
}

/**
 * Refuses a parsed JSON body nested deeper than {@link MAX_JSON_DEPTH} with a 400 naming where, so
 * that nothing behind the edge (validation, the bot, the transcript's `JSON.stringify`) ever walks
 * a structure deep enough to overflow the stack.
 */
export function jsonDepthGuard(maxDepth: number = MAX_JSON_DEPTH): RequestHandler {
  return (req, _res, next) => {
    const pointer = tooDeepAt(req.body, maxDepth);
    if (pointer === undefined) return next();
    const shown = pointer.length > MAX_POINTER_LENGTH ? `${pointer.slice(0, MAX_POINTER_LENGTH)}…` : pointer;
    next(new HttpError(400, 'too_deep', `The request body is nested more than ${maxDepth} levels deep at "${shown}".`));
  };
}
