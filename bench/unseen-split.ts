import path from 'node:path';
import { type LabelledText, readLabelledCsv } from '../src/knowledge/evaluation/labelled-csv.ts';
import { chooseUnseenIntents } from '../src/knowledge/evaluation/match-evaluation.ts';
import { SeededRandom } from '../src/ml/seeded-random.ts';

const DATASETS = process.env.ANSWERDESK_DATASETS ?? path.resolve(import.meta.dirname, '../../shared/datasets');

/** A tuning split of BANKING77's training data; the test set is never read. */
export interface UnseenSplit {
  readonly seed: number;
  readonly unseen: ReadonlySet<string>;
  /** In-scope rows to train on (85% of the seen intents' rows). */
  readonly training: readonly LabelledText[];
  /** In-scope rows held out (15%). */
  readonly validation: readonly LabelledText[];
  /** Every row of the unseen intents. */
  readonly outOfScope: readonly LabelledText[];
}

/**
 * The split the tuning scripts share: 10 intents (seeded) left out as unseen, 15% of the other
 * rows as validation. `--seed N` on the command line picks the seed (default 7).
 */
export async function bankingUnseenSplit(argv: readonly string[] = process.argv): Promise<UnseenSplit> {
  const seedArg = argv.indexOf('--seed');
  const seed = seedArg > 0 ? Number(argv[seedArg + 1]) : 7;
  const rows = await readLabelledCsv(path.join(DATASETS, 'banking77/train.csv'));
  const unseen = chooseUnseenIntents(
    rows.map((r) => r.category),
    10,
    seed,
  );
  const shuffled = new SeededRandom(seed).shuffle([...rows]);
  const inScope = shuffled.filter((r) => !unseen.has(r.category));
  const validationSize = Math.round(inScope.length * 0.15);
  return {
    seed,
    unseen,
    training: inScope.slice(validationSize),
    validation: inScope.slice(0, validationSize),
    outOfScope: shuffled.filter((r) => unseen.has(r.category)),
  };
}
