import { createApp } from '../../src/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { makeTempDir, testConfig } from './test-config.ts';

/**
 * Vitest global setup: trains the fixture knowledge once into the shared snapshot cache before any
 * test file runs. Every app a test starts on the fixture then restores the snapshot (well under a
 * second) instead of training inside a `beforeAll` hook, where on a busy machine the training
 * alone could outlast the hook timeout. Starting the real app (not the trainer by hand) keeps the
 * warmed snapshots exactly the ones `startApp` will look up.
 */
export default async function warmKnowledgeCache(): Promise<void> {
  const { dir, cleanup } = makeTempDir('answerdesk-warm-');
  try {
    const config = testConfig(dir);
    const app = await createApp(config, createLogger(config.logLevel));
    await app.stop();
  } finally {
    cleanup();
  }
}
