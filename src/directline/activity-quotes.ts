/**
 * `value` (a stored activity, parsed) with `rewrite` applied to the `text` of every object in it
 * whose `id` is `id`: the copies of that one activity, such as the entries of a handoff transcript.
 */
export function rewriteQuotes(
  value: unknown,
  id: string,
  rewrite: (text: string) => string,
): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    const items = value.map((item) => rewriteQuotes(item, id, rewrite));
    return { value: items.map((i) => i.value), changed: items.some((i) => i.changed) };
  }
  if (typeof value !== 'object' || value === null) return { value, changed: false };
  const record = value as Record<string, unknown>;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    const next = rewriteQuotes(item, id, rewrite);
    out[key] = next.value;
    changed ||= next.changed;
  }
  if (record.id === id && typeof record.text === 'string') {
    const text = rewrite(record.text);
    if (text !== record.text) {
      out.text = text;
      changed = true;
    }
  }
  return { value: out, changed };
}
