import { join } from 'node:path';
import { ValidationError } from '../shared/app-error.ts';
import { COMPLAINT_CATEGORIES } from './complaint-category.ts';
import type { ComplaintCategory } from './complaint-category.ts';
import type { ComplaintExample } from './complaint-example.ts';
import { loadComplaintExamples } from './complaint-examples.loader.ts';
import { ComplaintKnowledgeError } from './complaint-knowledge.error.ts';
import { loadCueGroups } from './cue-groups.loader.ts';
import { SEVERITY_CUES } from './severity-cues.ts';
import type { SeverityCue } from './severity-cues.ts';

/** Everything the complaint service learns from, as admins keep it under `knowledge/complaints/`. */
export interface ComplaintKnowledge {
  readonly examples: readonly ComplaintExample[];
  readonly topicCues: ReadonlyMap<ComplaintCategory, readonly string[]>;
  readonly severityCues: ReadonlyMap<SeverityCue, readonly string[]>;
}

/**
 * Loads `examples/*.yaml`, `topic-cues.yaml` and `severity-cues.yaml` from `dir`. When several
 * files are invalid, one `ComplaintKnowledgeError` lists the problems of all of them.
 */
export async function loadComplaintKnowledge(dir: string): Promise<ComplaintKnowledge> {
  const [examples, topicCues, severityCues] = await Promise.allSettled([
    loadComplaintExamples(join(dir, 'examples')),
    loadCueGroups(join(dir, 'topic-cues.yaml'), 'topics', COMPLAINT_CATEGORIES),
    loadCueGroups(join(dir, 'severity-cues.yaml'), 'severity', SEVERITY_CUES),
  ]);
  if (examples.status === 'fulfilled' && topicCues.status === 'fulfilled' && severityCues.status === 'fulfilled') {
    return { examples: examples.value, topicCues: topicCues.value, severityCues: severityCues.value };
  }
  const problems: string[] = [];
  for (const outcome of [examples, topicCues, severityCues]) {
    if (outcome.status === 'fulfilled') continue;
    const reason: unknown = outcome.reason;
    if (!(reason instanceof ValidationError)) throw reason;
    problems.push(...reason.problems);
  }
  throw new ComplaintKnowledgeError(problems);
}
