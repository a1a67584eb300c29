import { createRequire } from 'node:module';

type Natural = typeof import('natural');

/** The parts of `natural` answerdesk uses. */
type NaturalParts = Pick<
  Natural,
  | 'PorterStemmer'
  | 'RegexpTokenizer'
  | 'DamerauLevenshteinDistance'
  | 'stopwords'
  | 'BayesClassifier'
  | 'LogisticRegressionClassifier'
>;

const require = createRequire(import.meta.url);
const LIB = 'natural/lib/natural/';

/**
 * Loads one module of natural's, then puts back the global `Math.sign`: natural's classifiers load
 * sylvester, which replaces it for the whole process (botbuilder and our own code included) with
 * one that returns 1 for 0.
 */
function load<T>(module: string): T {
  const sign = Math.sign;
  try {
    return require(LIB + module) as T;
  } finally {
    Math.sign = sign;
  }
}

const porterStemmer = load<Natural['PorterStemmer']>('stemmers/porter_stemmer.js');
const tokenizers = load<Pick<Natural, 'RegexpTokenizer'>>('tokenizers/regexp_tokenizer.js');
const distances = load<Pick<Natural, 'DamerauLevenshteinDistance'>>('distance/levenshtein_distance.js');
const stopwords = load<{ words: Natural['stopwords'] }>('util/stopwords.js');
const bayes = load<Natural['BayesClassifier']>('classifiers/bayes_classifier.js');
let logistic: Natural['LogisticRegressionClassifier'] | undefined;

/**
 * The `natural` NLP library, only the parts we use and without its side effect on `Math.sign`.
 * Import it from here, never from 'natural' directly: its index loads every module it has (WordNet,
 * taggers, dozens of stemmers and tokenizers, dotenv), about a second of every start-up, for the
 * five we need. The logistic-regression classifier, which only an evaluation option uses, loads
 * on first use.
 */
const natural: NaturalParts = {
  PorterStemmer: porterStemmer,
  RegexpTokenizer: tokenizers.RegexpTokenizer,
  DamerauLevenshteinDistance: distances.DamerauLevenshteinDistance,
  stopwords: stopwords.words,
  BayesClassifier: bayes,
  get LogisticRegressionClassifier() {
    logistic ??= load<Natural['LogisticRegressionClassifier']>('classifiers/logistic_regression_classifier.js');
    return logistic;
  },
};

export default natural;
