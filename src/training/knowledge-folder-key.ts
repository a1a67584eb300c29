import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadKnowledgeOptions } from '../knowledge/files/knowledge.loader.ts';
import { DEFAULT_SCHEMA_DIR } from '../knowledge/files/knowledge-file-reader.ts';
import { filesKey } from './files-key.ts';

/** Bump when a cached knowledge folder must not be reused for a reason its inputs below would not show. */
const KNOWLEDGE_FOLDER_KEY_FORMAT = 2;
/** `src/` (or `dist/src/` compiled): the loaders' code lives in these folders of it. */
const CODE_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Everything `loadKnowledgeFolder` runs: other code, other rules, other result. */
const LOADER_CODE = [
  'knowledge',
  'analysis',
  'sentiment',
  'complaints',
  'shared',
  'health',
  path.join('training', 'knowledge-folder.loader.ts'),
  path.join('training', 'knowledge-folder.loader.js'),
];

const requirePackage = createRequire(import.meta.url);
const PARSER_VERSIONS = ['yaml', 'ajv'].map(
  (name) => `${name}@${(requirePackage(`${name}/package.json`) as { version: string }).version}`,
);

/**
 * The cache key of a validated knowledge folder: a SHA-256 over the bytes of every file in the
 * folder, every schema and the loaders' code, plus the folders its result names (file paths are
 * shown relative to `cwd`). Equal keys mean `loadKnowledgeFolder(dir, options)` would return an
 * equal folder, so a cached one may be used without parsing and validating the YAML again.
 */
export async function knowledgeFolderKey(dir: string, options: LoadKnowledgeOptions = {}): Promise<string> {
  const root = path.resolve(dir);
  const schemaDir = options.schemaDir ?? DEFAULT_SCHEMA_DIR;
  const [knowledge, schemas, code] = await Promise.all([
    filesKey(root, ['.'], 'knowledge'),
    filesKey(schemaDir, ['.'], 'schemas'),
    filesKey(CODE_ROOT, LOADER_CODE, 'loader'),
  ]);
  const context = JSON.stringify({
    format: KNOWLEDGE_FOLDER_KEY_FORMAT,
    // The parsers' own versions: an upgraded `yaml` or `ajv` may read the same bytes differently.
    parsers: PARSER_VERSIONS,
    root,
    cwd: options.cwd ?? process.cwd(),
    schemaDir,
    knowledge,
    schemas,
    code,
  });
  return createHash('sha256').update(context).digest('hex');
}
