import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filesKey } from '../../src/training/files-key.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'answerdesk-files-key-'));
  dirs.push(dir);
  return dir;
}

describe('filesKey', () => {
  it('changes when a file changes, and not when nothing did', async () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'a.yaml'), 'one');
    const first = await filesKey(root, ['.'], 'k');
    expect(await filesKey(root, ['.'], 'k')).toBe(first);
    writeFileSync(path.join(root, 'a.yaml'), 'two');
    expect(await filesKey(root, ['.'], 'k')).not.toBe(first);
  });

  it('follows a symbolic link to a file, as the loaders do: editing its target changes the key', async () => {
    const root = tempDir();
    const elsewhere = tempDir();
    writeFileSync(path.join(elsewhere, 'shared.yaml'), 'one');
    symlinkSync(path.join(elsewhere, 'shared.yaml'), path.join(root, 'linked.yaml'));
    const first = await filesKey(root, ['.'], 'k');
    writeFileSync(path.join(elsewhere, 'shared.yaml'), 'two');
    expect(await filesKey(root, ['.'], 'k')).not.toBe(first);
  });

  it('follows a symbolic link to a folder', async () => {
    const root = tempDir();
    const elsewhere = tempDir();
    mkdirSync(path.join(elsewhere, 'faq'));
    writeFileSync(path.join(elsewhere, 'faq', 'a.yaml'), 'one');
    symlinkSync(path.join(elsewhere, 'faq'), path.join(root, 'faq'));
    const first = await filesKey(root, ['.'], 'k');
    writeFileSync(path.join(elsewhere, 'faq', 'a.yaml'), 'two');
    expect(await filesKey(root, ['.'], 'k')).not.toBe(first);
  });

  it('passes over a dangling link and a link loop instead of failing', async () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'a.yaml'), 'one');
    symlinkSync(path.join(root, 'missing.yaml'), path.join(root, 'dangling.yaml'));
    symlinkSync(path.join(root, 'loop'), path.join(root, 'loop'));
    await expect(filesKey(root, ['.'], 'k')).resolves.toMatch(/^[0-9a-f]{64}$/);
  });
});
