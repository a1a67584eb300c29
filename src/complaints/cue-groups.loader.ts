import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { pairKey, parseYamlFile, readKnowledgeText, readRootMap } from '../analysis/yaml-file.ts';
import { ComplaintKnowledgeError } from './complaint-knowledge.error.ts';

/**
 * Reads a cue file shaped `<root>: { <group>: [phrase, …] }` where every group must come from
 * `groups`; throws `ComplaintKnowledgeError` listing every problem as `file:line:column: field: message`.
 */
export async function loadCueGroups<G extends string>(file: string, root: string, groups: readonly G[]): Promise<Map<G, string[]>> {
  const read = await readKnowledgeText(file);
  if ('problem' in read) throw new ComplaintKnowledgeError([read.problem]);
  return parseCueGroups(read.text, file, root, groups);
}

/** The pure core of `loadCueGroups`. Groups left out of the file get an empty list. */
export function parseCueGroups<G extends string>(text: string, file: string, root: string, groups: readonly G[]): Map<G, string[]> {
  const yaml = parseYamlFile(file, text);
  const problems = [...yaml.syntaxProblems];
  const result = new Map<G, string[]>(groups.map((group) => [group, []]));
  if (problems.length > 0) throw new ComplaintKnowledgeError(problems);
  const node = readRootMap(yaml, [root], [root], problems).get(root)?.value as Node | null | undefined;
  if (node !== undefined && !isMap(node)) problems.push(`${yaml.at(node)}: ${root}: expected a mapping of group: [phrases]`);
  if (node !== undefined && isMap(node)) {
    for (const pair of node.items) {
      const name = pairKey(pair);
      const group = groups.find((g) => g === name);
      const where = yaml.at(pair.key as Node);
      if (group === undefined) {
        problems.push(`${where}: ${root}.${name ?? '(key)'}: unknown group; expected one of ${groups.join(', ')}`);
        continue;
      }
      const list = pair.value as Node | null;
      if (!isSeq(list)) {
        problems.push(`${yaml.at(list ?? (pair.key as Node))}: ${root}.${group}: expected a list of phrases`);
        continue;
      }
      list.items.forEach((item, index) => {
        const value: unknown = isScalar(item) ? item.value : undefined;
        const field = `${root}.${group}[${index}]`;
        if (typeof value !== 'string' || !/[\p{L}\p{N}]/u.test(value)) problems.push(`${yaml.at(item as Node)}: ${field}: must be a phrase with at least one letter or digit`);
        else if (/\*[^\s]|(^|\s)\*/.test(value.trim())) problems.push(`${yaml.at(item as Node)}: ${field}: "*" is only allowed at the end of a word`);
        else result.get(group)?.push(value.trim());
      });
    }
  }
  if (problems.length > 0) throw new ComplaintKnowledgeError(problems);
  return result;
}
