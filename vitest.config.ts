import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // natural imports dotenv, which prints tips on import unless told to be quiet.
    env: { DOTENV_CONFIG_QUIET: 'true' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Files share their fork's module cache instead of each re-importing botbuilder, express and
    // the app (most of a file's start-up). Tests hold no module state: every file starts its own
    // apps and databases and restores what it changes (nock, globals, spies) in its own hooks.
    isolate: false,
    // Concurrent suites (the CLI tests, each spawning a tsx process) run two at a time: both cores of
    // a small machine busy, neither starved.
    maxConcurrency: 2,
    // With ANSWERDESK_TEST_DB=postgres, the run's PostgreSQL database first (the warm-up's app uses it).
    // Then the fixture knowledge is trained once, before any file runs, so no hook pays for training.
    globalSetup: ['test/helpers/postgres.global-setup.ts', 'test/helpers/warm-knowledge-cache.global-setup.ts'],
  },
});
