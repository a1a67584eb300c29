import type { Checked } from '../knowledge/files/checked.ts';
import type { KnowledgeFileRead } from '../knowledge/files/knowledge-file-reader.ts';
import { type KnowledgeFileKind, KnowledgeFileReader } from '../knowledge/files/knowledge-file-reader.ts';
import { KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';

/** The two cue files: which schema checks each, and its root key. */
const CUE_FILES = {
  topics: 'complaint-topic-cues',
  severity: 'complaint-severity-cues',
} as const satisfies Record<string, KnowledgeFileKind>;

export type CueRoot = keyof typeof CUE_FILES;

/**
 * Reads a cue file shaped `<root>: { <group>: [phrase, …] }` through the knowledge file reader;
 * its schema (`complaint-topic-cues` / `complaint-severity-cues`) fixes the group names and the
 * phrase rules. Groups left out of the file get an empty list.
 */
export async function readCueGroups<G extends string>(
  file: string,
  root: CueRoot,
  groups: readonly G[],
  reader: KnowledgeFileReader,
): Promise<Checked<Map<G, string[]>>> {
  return cueGroupsFrom(await reader.read(file, CUE_FILES[root]), root, groups);
}

/** Like {@link readCueGroups}; throws `KnowledgeValidationError` listing every problem. */
export async function loadCueGroups<G extends string>(
  file: string,
  root: CueRoot,
  groups: readonly G[],
  reader = new KnowledgeFileReader(),
): Promise<Map<G, string[]>> {
  return valueOrThrow(await readCueGroups(file, root, groups, reader));
}

/** The pure core of `loadCueGroups`, for text already in memory (`file` names it in problems). */
export function parseCueGroups<G extends string>(
  text: string,
  file: string,
  root: CueRoot,
  groups: readonly G[],
  reader = new KnowledgeFileReader(),
): Map<G, string[]> {
  return valueOrThrow(cueGroupsFrom(reader.parse(file, text, CUE_FILES[root]), root, groups));
}

function cueGroupsFrom<G extends string>(
  { source, problems }: KnowledgeFileRead,
  root: CueRoot,
  groups: readonly G[],
): Checked<Map<G, string[]>> {
  if (source === undefined || problems.length > 0) return { kind: 'invalid', problems };
  // The schema passed: the root holds only known groups, each a list of valid phrases.
  const found = ((source.data as Record<string, unknown>)[root] ?? {}) as Partial<Record<string, string[]>>;
  return {
    kind: 'valid',
    value: new Map(groups.map((group) => [group, (found[group] ?? []).map((phrase) => phrase.trim())])),
  };
}

function valueOrThrow<T>(checked: Checked<T>): T {
  if (checked.kind === 'invalid') throw new KnowledgeValidationError(checked.problems);
  return checked.value;
}
