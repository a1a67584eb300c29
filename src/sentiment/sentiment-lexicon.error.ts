import { ValidationError } from '../shared/app-error.ts';

/** `knowledge/sentiment/lexicon.yaml` is invalid; `problems` are `file:line:column: field: message`. */
export class SentimentLexiconError extends ValidationError {
  constructor(problems: readonly string[]) {
    super('Invalid sentiment lexicon', problems);
  }
}
