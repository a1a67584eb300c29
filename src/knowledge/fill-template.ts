/**
 * Fills `{name}` placeholders of a response template from `knowledge/responses.yaml`; unknown
 * placeholders stay as written, so a typo in the file shows rather than vanishing.
 *
 * @example
 * fill('Ticket **{reference}** is open.', { reference: 'T-1042' }) // 'Ticket **T-1042** is open.'
 */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
