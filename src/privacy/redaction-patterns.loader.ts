import type { Checked } from '../knowledge/files/checked.ts';
import type { KnowledgeFileReader } from '../knowledge/files/knowledge-file-reader.ts';
import type { KnowledgeProblem } from '../knowledge/files/knowledge-validation.error.ts';
import { formatYamlPath, type YamlPathSegment, type YamlSource } from '../knowledge/files/knowledge-yaml-source.ts';
import { BUILT_IN_REDACTION_TYPES } from './redaction.ts';
import type { RedactionPattern } from './redaction-pattern.ts';
import { backtrackingRisk } from './regex-safety.ts';

/** The admins' patterns file, relative to the knowledge folder; optional. */
export const REDACTION_PATTERNS_FILE = 'redaction.yaml';

interface RawPattern {
  readonly name?: unknown;
  readonly pattern?: unknown;
  readonly flags?: unknown;
  readonly replacement?: unknown;
}

/**
 * Reads and validates `knowledge/redaction.yaml` through the knowledge file reader: its JSON
 * Schema, then what a schema cannot check (the regex compiles, cannot backtrack catastrophically,
 * does not match empty text; names unique and not a built-in type). Every problem as
 * `file:line:column: field: message`. A missing file is valid and holds no pattern.
 */
export async function readRedactionPatterns(
  file: string,
  reader: KnowledgeFileReader,
): Promise<Checked<readonly RedactionPattern[]>> {
  const { source, problems } = await reader.read(file, 'redaction');
  if (source === undefined) {
    const missing = problems.length === 1 && problems[0]?.message === 'file not found';
    return missing ? { kind: 'valid', value: [] } : { kind: 'invalid', problems };
  }
  return patternsFromSource(source, problems);
}

/** Validates patterns YAML already in memory (`file` as named in problems). */
export function parseRedactionPatterns(
  text: string,
  file: string,
  reader: KnowledgeFileReader,
): Checked<readonly RedactionPattern[]> {
  const { source, problems } = reader.parse(file, text, 'redaction');
  return source === undefined ? { kind: 'invalid', problems } : patternsFromSource(source, problems);
}

function patternsFromSource(
  source: YamlSource,
  schemaProblems: readonly KnowledgeProblem[],
): Checked<readonly RedactionPattern[]> {
  const problems = [...schemaProblems];
  const at = (path: readonly YamlPathSegment[], message: string): void => {
    problems.push({ file: source.file, ...source.locate(path), field: formatYamlPath(path), message });
  };
  const data = source.data as { patterns?: unknown } | null;
  const items: unknown[] = Array.isArray(data?.patterns) ? data.patterns : [];
  const seen = new Set<string>();
  const patterns: RedactionPattern[] = [];
  for (const [index, item] of items.entries()) {
    const raw = (typeof item === 'object' && item !== null ? item : {}) as RawPattern;
    if (typeof raw.name !== 'string' || typeof raw.pattern !== 'string') continue;
    if ((BUILT_IN_REDACTION_TYPES as readonly string[]).includes(raw.name))
      at(['patterns', index, 'name'], `"${raw.name}" is built in; switch it with REDACTION_TYPES instead`);
    else if (seen.has(raw.name)) at(['patterns', index, 'name'], `duplicate name "${raw.name}"`);
    seen.add(raw.name);
    const flags = typeof raw.flags === 'string' && /^[imsu]*$/.test(raw.flags) ? raw.flags : '';
    let regex: RegExp;
    try {
      regex = new RegExp(raw.pattern, `${flags}g`);
    } catch (error) {
      const reason =
        error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
      at(['patterns', index, 'pattern'], `is not a valid regular expression (${reason})`);
      continue;
    }
    const risk = backtrackingRisk(raw.pattern);
    if (risk !== undefined) {
      at(['patterns', index, 'pattern'], risk);
      continue;
    }
    if (regex.test('')) {
      at(['patterns', index, 'pattern'], 'matches empty text; it must need at least one character');
      continue;
    }
    regex.lastIndex = 0;
    const replacement = typeof raw.replacement === 'string' ? raw.replacement : `[${raw.name}]`;
    patterns.push({ name: raw.name, regex, replacement });
  }
  return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'valid', value: patterns };
}
