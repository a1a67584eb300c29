import { type Env, loadConfig } from '../../src/config/config.ts';
import { ValidationError } from '../../src/shared/app.error.ts';

/** The problems `loadConfig` reports for `env`; fails the test when it does not throw. */
export function configProblems(env: Env, cwd: string): readonly string[] {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}
