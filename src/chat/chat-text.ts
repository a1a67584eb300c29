/**
 * A chat message reduced to what the detectors read: NFKC, lower case, curly quotes straightened,
 * emoji and symbols dropped, spaces squeezed. Sentence punctuation (`. ! ? ; ,`) is kept so callers
 * can split clauses; apostrophes and hyphens stay inside words.
 */
export function normaliseChatText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[^\p{L}\p{M}\p{N}'\-.!?;,:\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The clauses of a normalised message: split at sentence punctuation and commas, each trimmed,
 * empty ones dropped. "Hello?? Anyone there?" gives `['hello', 'anyone there']`.
 */
export function clausesOf(normalised: string): string[] {
  return normalised
    .split(/[.!?;,:]+|\s-\s/)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');
}
