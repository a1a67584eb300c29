import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RESPONSE_KEYS } from '../../src/knowledge/knowledge-base.ts';

/** YAML text from lines, so a test can count line numbers at a glance. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** A valid `responses.yaml` (line 1 `responses:`, then one key per line in `RESPONSE_KEYS` order). */
export const VALID_RESPONSES = lines('responses:', ...RESPONSE_KEYS.map((key) => `  ${key}: Text for ${key}.`));

/** A valid FAQ file with one entry per id, each 4 lines long, starting on line 2. */
export function simpleFaq(...ids: string[]): string {
  return lines(
    'entries:',
    ...ids.flatMap((id) => [
      `  - id: ${id}`,
      `    title: Title of ${id}`,
      `    questions: [question about ${id}]`,
      `    answer: Answer about ${id}.`,
    ]),
  );
}

/** Small valid sentiment and complaint files (4 files), so a folder passes the whole-folder check. */
export const VALID_ANALYSIS_FILES: Readonly<Record<string, string>> = {
  'sentiment/lexicon.yaml': lines('words:', '  useless: -3'),
  'complaints/topic-cues.yaml': lines('topics:', '  delivery: [parcel*]'),
  'complaints/severity-cues.yaml': lines('severity:', '  legal_threat: [lawyer]'),
  'complaints/examples/small.yaml': lines(
    'examples:',
    '  - { category: delivery, text: "my parcel never arrived" }',
    '  - { category: none, text: "where is my order" }',
  ),
};

/**
 * Writes a knowledge folder into a fresh temp dir and returns its path. `responses.yaml` is
 * {@link VALID_RESPONSES} and the sentiment and complaint files are {@link VALID_ANALYSIS_FILES}
 * unless given; `null` leaves a file out.
 */
export async function writeKnowledgeDir(files: Record<string, string | null>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'answerdesk-kb-'));
  const all: Record<string, string | null> = { 'responses.yaml': VALID_RESPONSES, ...VALID_ANALYSIS_FILES, ...files };
  for (const [name, text] of Object.entries(all)) {
    if (text === null) continue;
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** Removes a folder made by {@link writeKnowledgeDir}. */
export async function removeKnowledgeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
