import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** First line of every snapshot file; bump the number when the file layout changes. */
const MAGIC = 'ANSWERDESK-SNAPSHOT 1\n';
/** The header line is JSON and never this long; a longer one means the file is not ours. */
const MAX_HEADER_BYTES = 4096;

/** The JSON line after the magic line: what the payload is and how to check it. */
interface SnapshotHeader {
  readonly key: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** Why a cached snapshot was not used (`missing` is normal: nothing cached yet). */
type CacheMiss =
  | { readonly kind: 'missing' }
  | { readonly kind: 'stale' }
  | { readonly kind: 'corrupt'; readonly reason: string };

/** What reading a cache entry found. */
export type CacheRead<T> = { readonly kind: 'hit'; readonly payload: T } | CacheMiss;

/**
 * Trained snapshots on disk, one file per name (`<dir>/<name>.snapshot`), each holding the key it
 * was built for. Layout: a magic line, a JSON header line (`key`, payload `bytes`, payload
 * `sha256`), then the payload as `v8.serialize` bytes (the structured clone algorithm: typed
 * arrays, Maps, plain objects).
 *
 * A read trusts nothing: a wrong magic or header, another key, a short file or a checksum that does
 * not match is a miss, and the payload is deserialised only after its checksum matched. A write
 * goes to a temporary file that is renamed over the old one, so a crash mid-write leaves the old
 * file or none, never half a file under the real name.
 */
export class SnapshotCache {
  constructor(readonly dir: string) {}

  /** Where the snapshot called `name` lives. */
  file(name: string): string {
    return path.join(this.dir, `${name}.snapshot`);
  }

  /** The payload stored under `name` if it was built for `key` and is intact. Never throws. */
  async read<T>(name: string, key: string): Promise<CacheRead<T>> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.file(name), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'corrupt', reason: `cannot open: ${(error as Error).message}` };
    }
    try {
      const head = Buffer.alloc(MAX_HEADER_BYTES);
      const { bytesRead } = await handle.read(head, 0, MAX_HEADER_BYTES, 0);
      const text = head.subarray(0, bytesRead).toString('latin1');
      if (!text.startsWith(MAGIC)) return { kind: 'corrupt', reason: 'not a snapshot file (bad magic line)' };
      const end = text.indexOf('\n', MAGIC.length);
      if (end < 0) return { kind: 'corrupt', reason: 'header line is missing or too long' };
      const header = parseHeader(text.slice(MAGIC.length, end));
      if (header === null) return { kind: 'corrupt', reason: 'header line is not valid' };
      if (header.key !== key) return { kind: 'stale' };
      const offset = end + 1;
      const payload = Buffer.alloc(header.bytes);
      const read = await handle.read(payload, 0, header.bytes, offset);
      if (read.bytesRead !== header.bytes)
        return { kind: 'corrupt', reason: `truncated: ${read.bytesRead} of ${header.bytes} payload bytes` };
      const { size } = await handle.stat();
      if (size !== offset + header.bytes)
        return { kind: 'corrupt', reason: `size ${size} does not match the header (${offset + header.bytes})` };
      if (sha256(payload) !== header.sha256) return { kind: 'corrupt', reason: 'checksum mismatch' };
      return { kind: 'hit', payload: deserialize(payload) as T };
    } catch (error) {
      return { kind: 'corrupt', reason: (error as Error).message };
    } finally {
      await handle.close();
    }
  }

  /** Stores `payload` under `name` for `key`, atomically (temp file + rename). Synchronous: call it off the main thread. */
  write(name: string, key: string, payload: unknown): void {
    const bytes = serialize(payload);
    const header: SnapshotHeader = { key, bytes: bytes.length, sha256: sha256(bytes) };
    const target = this.file(name);
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    mkdirSync(this.dir, { recursive: true });
    try {
      writeFileSync(temporary, Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'latin1'), bytes]));
      renameSync(temporary, target);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseHeader(line: string): SnapshotHeader | null {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return null;
    const { key, bytes, sha256: sum } = value as Record<string, unknown>;
    if (
      typeof key !== 'string' ||
      typeof sum !== 'string' ||
      typeof bytes !== 'number' ||
      !Number.isSafeInteger(bytes) ||
      bytes < 0
    )
      return null;
    return { key, bytes, sha256: sum };
  } catch {
    return null;
  }
}
