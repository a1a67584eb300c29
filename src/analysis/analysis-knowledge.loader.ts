import { join } from 'node:path';
import { type ComplaintKnowledge, readComplaintKnowledge } from '../complaints/complaint-knowledge.loader.ts';
import type { Checked } from '../knowledge/files/checked.ts';
import { KnowledgeFileReader, type KnowledgeFileReaderOptions } from '../knowledge/files/knowledge-file-reader.ts';
import { KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';
import { readSentimentLexicon } from '../sentiment/sentiment-lexicon.loader.ts';
import type { SentimentLexicon } from '../sentiment/sentiment-lexicon.ts';

/** Where under the knowledge folder the analyzer's files are. */
export const SENTIMENT_LEXICON_FILE = join('sentiment', 'lexicon.yaml');
export const COMPLAINTS_DIR = 'complaints';

/** What the message analyzer learns from, as loaded and validated from a knowledge folder (plain data). */
export interface AnalysisKnowledge {
  readonly lexicon: SentimentLexicon;
  readonly complaints: ComplaintKnowledge;
}

/** Reads `<dir>/sentiment/lexicon.yaml` and `<dir>/complaints/…`: the knowledge, or every problem in every file. */
export async function readAnalysisKnowledge(
  knowledgeDir: string,
  reader: KnowledgeFileReader,
): Promise<Checked<AnalysisKnowledge>> {
  const [lexicon, complaints] = await Promise.all([
    readSentimentLexicon(join(knowledgeDir, SENTIMENT_LEXICON_FILE), reader),
    readComplaintKnowledge(join(knowledgeDir, COMPLAINTS_DIR), reader),
  ]);
  if (lexicon.kind === 'valid' && complaints.kind === 'valid')
    return { kind: 'valid', value: { lexicon: lexicon.value, complaints: complaints.value } };
  return {
    kind: 'invalid',
    problems: [lexicon, complaints].flatMap((checked) => (checked.kind === 'invalid' ? checked.problems : [])),
  };
}

/**
 * Loads and validates the analyzer's files (no training).
 * @throws KnowledgeValidationError listing every problem in every file.
 */
export async function loadAnalysisKnowledge(
  knowledgeDir: string,
  options: KnowledgeFileReaderOptions = {},
): Promise<AnalysisKnowledge> {
  const checked = await readAnalysisKnowledge(knowledgeDir, new KnowledgeFileReader(options));
  if (checked.kind === 'invalid') throw new KnowledgeValidationError(checked.problems);
  return checked.value;
}
