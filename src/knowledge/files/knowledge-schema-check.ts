import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { Ajv } from 'ajv';
import { didYouMean } from './knowledge-did-you-mean.ts';
import type { KnowledgeProblem } from './knowledge-validation.error.ts';
import type { YamlPathSegment, YamlSource } from './knowledge-yaml-source.ts';
import { formatYamlPath } from './knowledge-yaml-source.ts';

/** Checks one parsed file against a JSON Schema; returns its problems (none when valid). */
export type SchemaCheck = (source: YamlSource) => KnowledgeProblem[];

/**
 * Compiles the JSON Schema file at `schemaFile` into a check that reports every violation
 * (ajv `allErrors`) at the YAML position of the offending key or item, worded for admins.
 * Annotation keywords of VS Code's YAML extension (`patternErrorMessage`, `errorMessage`,
 * `defaultSnippets`, `markdownDescription`) are allowed in the schema; `patternErrorMessage`
 * words pattern errors, `errorMessage` any other error of the value it describes.
 */
export function compileSchemaCheck(schemaFile: string): SchemaCheck {
  const schema: unknown = JSON.parse(readFileSync(schemaFile, 'utf8'));
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
  ajv.addVocabulary(['patternErrorMessage', 'errorMessage', 'defaultSnippets', 'markdownDescription']);
  const validate = ajv.compile(schema as object);
  return (source) => {
    if (validate(source.data)) return [];
    return (validate.errors ?? []).map((error) => toProblem(source, error));
  };
}

function toProblem(source: YamlSource, error: ErrorObject): KnowledgeProblem {
  const path = toPath(source.data, error.instancePath);
  const at = (target: readonly YamlPathSegment[], message: string): KnowledgeProblem => ({
    file: source.file,
    ...source.locate(target),
    field: formatYamlPath(target),
    message,
  });
  const params = error.params as Record<string, unknown>;
  const parentSchema = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = [...path, String(params['missingProperty'])];
      // The position of a missing field is that of the block it belongs in.
      return { ...at(path, 'is missing (this field is required)'), field: formatYamlPath(missing) };
    }
    case 'additionalProperties': {
      const unknown = String(params['additionalProperty']);
      const allowed = Object.keys((parentSchema['properties'] ?? {}) as object);
      const guess = didYouMean(unknown, allowed);
      const hint = guess === undefined ? `allowed fields: ${allowed.join(', ')}` : `did you mean "${guess}"?`;
      return at([...path, unknown], `unknown field (${hint})`);
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return at(
        path,
        `must be one of ${allowed.join(', ')}${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`,
      );
    }
    case 'type':
      if (typeof parentSchema['errorMessage'] === 'string' && path.length > 0)
        return at(path, parentSchema['errorMessage']);
      return at(path, typeMessage(params['type'], error.data, path.length === 0, parentSchema));
    case 'minLength':
      return at(path, 'must not be empty');
    case 'minItems': {
      const limit = Number(params['limit']);
      return at(path, `must have at least ${limit} ${limit === 1 ? 'item' : 'items'}`);
    }
    case 'pattern': {
      const custom = parentSchema['patternErrorMessage'];
      return at(
        path,
        typeof custom === 'string' ? custom : `has the wrong format (expected ${String(params['pattern'])})`,
      );
    }
    default: {
      const custom = parentSchema['errorMessage'];
      return at(path, typeof custom === 'string' ? custom : (error.message ?? 'is not valid'));
    }
  }
}

/** ajv's instancePath (`/entries/2/id`) as path steps, with list indexes as numbers. */
function toPath(data: unknown, instancePath: string): YamlPathSegment[] {
  const path: YamlPathSegment[] = [];
  let current = data;
  for (const raw of instancePath.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(key);
      path.push(index);
      current = current[index] as unknown;
    } else {
      path.push(key);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  array: 'a list',
  object: 'a block of fields (name: value)',
  boolean: 'true or false',
  number: 'a number',
  integer: 'a whole number',
  null: 'empty',
};

function typeMessage(expected: unknown, actual: unknown, isRoot: boolean, schema: Record<string, unknown>): string {
  const wanted = (Array.isArray(expected) ? expected : [expected]).map((t) => TYPE_NAMES[String(t)] ?? String(t));
  if (isRoot) {
    const first = Array.isArray(schema['required']) ? String(schema['required'][0]) : undefined;
    const start = first === undefined ? '' : `; it must start with "${first}:"`;
    return actual === null ? `the file is empty${start}` : `the file has the wrong layout${start}`;
  }
  if (actual === null && wanted.includes('text')) return 'must not be empty';
  const listHint = wanted.includes('a list') ? ' (write each item on its own line, starting with "- ")' : '';
  return `must be ${wanted.join(' or ')}, but ${describe(actual)}${listHint}`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'is empty';
  if (Array.isArray(value)) return 'is a list';
  if (typeof value === 'string') return `is text ("${value.length > 40 ? `${value.slice(0, 37)}...` : value}")`;
  if (typeof value === 'number') return `is a number (${value})`;
  if (typeof value === 'boolean') return `is ${value}`;
  return 'is a block of fields';
}
