import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../src/knowledge/knowledge-entry.ts';
import { entryPhrasings } from '../../../src/knowledge/matching/entry-phrasings.ts';

const base: KnowledgeEntry = {
  id: 'reset-password',
  title: 'Forgot my password',
  questions: ['forgot my password', 'reset password'],
  answer:
    'Click **Forgot password?** or go to [reset password](https://example.test/reset).\nThe link is valid for 60 minutes.',
  tags: ['account', 'password'],
  followUps: [],
  escalate: false,
  enabled: true,
};

describe('entryPhrasings', () => {
  it('puts questions and title first, then tags and answer sentences without link targets', () => {
    expect(entryPhrasings(base)).toEqual({
      texts: [
        'forgot my password',
        'reset password',
        'Forgot my password',
        'account password',
        'Click **Forgot password?** or go to [reset password].',
        'The link is valid for 60 minutes.',
      ],
      questions: 3,
    });
  });

  it('leaves out a title that is just the id, empty tags and an empty answer', () => {
    expect(entryPhrasings({ ...base, title: 'reset-password', tags: [], answer: '' })).toEqual({
      texts: ['forgot my password', 'reset password'],
      questions: 2,
    });
  });
});
