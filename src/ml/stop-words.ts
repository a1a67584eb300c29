/**
 * Stop words for the lexical (BM25) index and for the "matched terms" an admin sees. Deliberately
 * short: negations ("not", "no", "never"), question words ("how", "where", "when", "why", "what",
 * "which", "who"), modal verbs that change intent ("can", "should") and support verbs ("cancel",
 * "change", "stop") are NOT stop words. The classifier sees every token anyway; this list only
 * decides what counts as evidence in the lexical score.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'so', 'as', 'of', 'at', 'by', 'for', 'with', 'to',
  'from', 'in', 'on', 'into', 'onto', 'about', 'is', 'am', 'are', 'was', 'were', 'be', 'been',
  'being', 'do', 'does', 'did', 'i', 'me', 'my', 'mine', 'myself', 'you', 'your', 'yours', 'we',
  'us', 'our', 'ours', 'it', 'its', 'itself', 'this', 'that', 'these', 'those', 'there', 'here',
  'he', 'him', 'his', 'she', 'her', 'hers', 'they', 'them', 'their', 'theirs', 'would', 'could',
  'will', 'shall', 'may', 'might', 'must', 'just', 'please', 'pls', 'plz', 'hi', 'hello', 'hey',
  'thanks', 'thank', 'thx', 'ok', 'okay', 'some', 'any', 'very', 'really', 'also', 'too', 'then',
  'than', 'have', 'has', 'had', 'get', 'got', 'want', 'wanted', 'need', 'needed', 'like', 'would',
  'let', 'know', 'tell', 'help', 'im',
]);
