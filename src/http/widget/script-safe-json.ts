/**
 * JSON that is safe to place inside an HTML `<script>` element or a JavaScript source file:
 * `<`, `>` and `&` are escaped (so no `</script>` or `<!--` can end the element early), and so
 * are U+2028 / U+2029 (line terminators in older JavaScript engines).
 *
 * @example
 * `<script type="application/json" id="config">${scriptSafeJson({ botName })}</script>`
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
