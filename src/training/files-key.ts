import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A SHA-256 over the names and bytes of every file under `paths` (files or folders, relative to
 * `root`, walked recursively in sorted order), plus `salt`: equal keys mean byte-for-byte equal
 * files. A missing path counts as empty, so creating it changes the key.
 */
export async function filesKey(root: string, paths: readonly string[], salt: string): Promise<string> {
  const hash = createHash('sha256').update(`${salt}\0`);
  const files: string[] = [];
  for (const relative of paths) files.push(...(await listFiles(root, relative)));
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

async function listFiles(root: string, relative: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(path.join(root, relative), { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return [relative];
    // Missing (or a dangling link), or a link loop: nothing the loaders could read either.
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENAMETOOLONG') return [];
    throw error;
  }
  const nested = await Promise.all(
    entries.map((entry) =>
      // A symbolic link counts as what it points at, as the loaders follow links: probing it as a
      // folder gives its files, or the file itself (ENOTDIR), whose bytes readFile then follows.
      entry.isDirectory() || entry.isSymbolicLink()
        ? listFiles(root, path.join(relative, entry.name))
        : entry.isFile()
          ? [path.join(relative, entry.name)]
          : [],
    ),
  );
  return nested.flat();
}
