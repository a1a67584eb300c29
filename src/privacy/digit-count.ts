/** How many ASCII digits `text` holds: a quick test before the card and phone patterns run (most messages have none). */
export function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n += 1;
  }
  return n;
}
