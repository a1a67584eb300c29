import { join } from 'node:path';
import type { Checked } from '../knowledge/files/checked.ts';
import { KnowledgeFileReader } from '../knowledge/files/knowledge-file-reader.ts';
import { KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';
import type { ComplaintCategory } from './complaint-category.ts';
import { COMPLAINT_CATEGORIES } from './complaint-category.ts';
import type { ComplaintExample } from './complaint-example.ts';
import { readComplaintExamples } from './complaint-examples.loader.ts';
import { readCueGroups } from './cue-groups.loader.ts';
import type { SeverityCue } from './severity-cues.ts';
import { SEVERITY_CUES } from './severity-cues.ts';

/** Everything the complaint service learns from, as admins keep it under `knowledge/complaints/`. */
export interface ComplaintKnowledge {
  readonly examples: readonly ComplaintExample[];
  readonly topicCues: ReadonlyMap<ComplaintCategory, readonly string[]>;
  readonly severityCues: ReadonlyMap<SeverityCue, readonly string[]>;
}

/** Reads `examples/**.yaml`, `topic-cues.yaml` and `severity-cues.yaml` from `dir`: the knowledge, or the problems of all of them. */
export async function readComplaintKnowledge(
  dir: string,
  reader: KnowledgeFileReader,
): Promise<Checked<ComplaintKnowledge>> {
  const [examples, topicCues, severityCues] = await Promise.all([
    readComplaintExamples(join(dir, 'examples'), reader),
    readCueGroups(join(dir, 'topic-cues.yaml'), 'topics', COMPLAINT_CATEGORIES, reader),
    readCueGroups(join(dir, 'severity-cues.yaml'), 'severity', SEVERITY_CUES, reader),
  ]);
  if (examples.kind === 'valid' && topicCues.kind === 'valid' && severityCues.kind === 'valid') {
    return {
      kind: 'valid',
      value: { examples: examples.value, topicCues: topicCues.value, severityCues: severityCues.value },
    };
  }
  return {
    kind: 'invalid',
    problems: [examples, topicCues, severityCues].flatMap((checked) =>
      checked.kind === 'invalid' ? checked.problems : [],
    ),
  };
}

/** Like {@link readComplaintKnowledge}; one `KnowledgeValidationError` lists the problems of every file. */
export async function loadComplaintKnowledge(
  dir: string,
  reader = new KnowledgeFileReader(),
): Promise<ComplaintKnowledge> {
  const checked = await readComplaintKnowledge(dir, reader);
  if (checked.kind === 'invalid') throw new KnowledgeValidationError(checked.problems);
  return checked.value;
}
