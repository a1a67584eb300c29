import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/http/widget/html-escape.ts';
import { scriptSafeJson } from '../../../src/http/widget/script-safe-json.ts';

describe('scriptSafeJson', () => {
  it.each([['</script><script>alert(1)</script>'], ['<!-- comment'], ['a & b > c'], ['line\u2028separator\u2029']])(
    'escapes %j so it cannot end a script element, and parses back to the same value',
    (text) => {
      const json = scriptSafeJson({ text });
      expect(json).not.toMatch(/[<>&\u2028\u2029]/);
      expect(JSON.parse(json)).toEqual({ text });
    },
  );
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
