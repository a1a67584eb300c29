import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lines, simpleFaq, VALID_RESPONSES } from './knowledge-fixture.ts';

/** FAQ entry ids of {@link writeSmallKnowledge}; a message "question about <id>" matches entry <id>. */
export const SMALL_KNOWLEDGE_ENTRIES = ['track-order', 'refund-status', 'opening-hours', 'reset-password'] as const;

/**
 * Writes a complete but tiny knowledge folder into `dir` (FAQ, responses, sentiment lexicon,
 * complaint examples and cues), so a whole server can start in well under a second, without
 * depending on what admins keep in `knowledge/`.
 */
export async function writeSmallKnowledge(dir: string): Promise<string> {
  const files: Record<string, string> = {
    'responses.yaml': VALID_RESPONSES,
    'faq/small.yaml': simpleFaq(...SMALL_KNOWLEDGE_ENTRIES),
    'sentiment/lexicon.yaml': lines('words:', '  useless: -3', '  brilliant: 4'),
    'complaints/examples/small.yaml': lines(
      'examples:',
      '  - { category: delivery, text: "my parcel never arrived and nobody answers" }',
      '  - { category: billing_payment, text: "you charged my card twice, fix it" }',
      '  - { category: none, text: "where is my order" }',
      '  - { category: none, text: "what are your opening hours" }',
    ),
    'complaints/topic-cues.yaml': lines(
      'topics:',
      '  delivery: [parcel*, courier]',
      '  billing_payment: [charged, card]',
    ),
    'complaints/severity-cues.yaml': lines(
      'severity:',
      '  legal_threat: [lawyer]',
      '  churn_threat: [cancel my account]',
    ),
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}
