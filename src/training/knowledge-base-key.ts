import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCHEMA_DIR, type LoadKnowledgeOptions } from '../knowledge/knowledge-loader.ts';
import { filesKey } from './files-key.ts';

/** Bump when a cached knowledge base must not be reused for a reason its inputs below would not show. */
const KNOWLEDGE_BASE_KEY_FORMAT = 1;
/** The loader's own code (`.ts` from the sources, `.js` compiled): other rules, other result. */
const LOADER_CODE_DIR = fileURLToPath(new URL('../knowledge/', import.meta.url));
/** What `loadKnowledgeBase` reads in a knowledge folder (see there). */
const KNOWLEDGE_FILES = ['faq', 'responses.yaml', 'out-of-scope.yaml'] as const;
const SCHEMA_FILES = ['faq.schema.json', 'responses.schema.json', 'out-of-scope.schema.json'] as const;

/**
 * The cache key of a validated knowledge base: a SHA-256 over the bytes of everything
 * `loadKnowledgeBase(dir, options)` reads (FAQ files, responses, out-of-scope examples, schemas)
 * and of the loader's code, plus the folders its result names (file paths are shown relative to
 * `cwd`). Equal keys mean `loadKnowledgeBase` would return an equal knowledge base, so a cached
 * one may be used without parsing and validating the YAML again.
 */
export async function knowledgeBaseKey(dir: string, options: LoadKnowledgeOptions = {}): Promise<string> {
  const root = path.resolve(dir);
  const schemaDir = options.schemaDir ?? DEFAULT_SCHEMA_DIR;
  const [knowledge, schemas, code] = await Promise.all([
    filesKey(root, KNOWLEDGE_FILES, 'knowledge'),
    filesKey(schemaDir, SCHEMA_FILES, 'schemas'),
    filesKey(LOADER_CODE_DIR, ['.'], 'loader'),
  ]);
  const context = JSON.stringify({ format: KNOWLEDGE_BASE_KEY_FORMAT, root, cwd: options.cwd ?? process.cwd(), schemaDir, knowledge, schemas, code });
  return createHash('sha256').update(context).digest('hex');
}
