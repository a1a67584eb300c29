import { join } from 'node:path';
import type { Checked } from '../knowledge/files/checked.ts';
import type { KnowledgeFileReader } from '../knowledge/files/knowledge-file-reader.ts';
import type { KnowledgeProblem } from '../knowledge/files/knowledge-validation.error.ts';
import { formatYamlPath, type YamlSource } from '../knowledge/files/knowledge-yaml-source.ts';
import { DEFAULT_HEALTH_SCORECARD, type HealthScorecard, type MeasureWeight } from './health-scorecard.ts';

/** Where in a knowledge folder the scorecard lives. */
const HEALTH_SCORECARD_FILE = 'health.yaml';

/** A scorecard as read from a knowledge folder: from its file, or the defaults when it has none (`file` null). */
export interface ReadScorecard {
  readonly scorecard: HealthScorecard;
  readonly file: string | null;
}

/**
 * Reads and validates `<knowledgeDir>/health.yaml` through the knowledge file reader (its JSON
 * Schema, then the band order a schema cannot express), every problem as
 * `file:line:column: field: message`. The file is optional: without it the scorecard is
 * `DEFAULT_HEALTH_SCORECARD` (the values the shipped file holds).
 */
export async function readHealthScorecard(
  knowledgeDir: string,
  reader: KnowledgeFileReader,
): Promise<Checked<ReadScorecard>> {
  const file = join(knowledgeDir, HEALTH_SCORECARD_FILE);
  const { source, problems } = await reader.read(file, 'health');
  if (source === undefined) {
    const missing = problems.length === 1 && problems[0]?.message === 'file not found';
    if (missing) return { kind: 'valid', value: { scorecard: DEFAULT_HEALTH_SCORECARD, file: null } };
    return { kind: 'invalid', problems };
  }
  const checked = scorecardFromSource(source, problems);
  return checked.kind === 'valid' ? { kind: 'valid', value: { scorecard: checked.value, file } } : checked;
}

/** Parses scorecard YAML text already in memory (`shown` names it in problems). */
export function parseHealthScorecard(
  shown: string,
  text: string,
  reader: KnowledgeFileReader,
): Checked<HealthScorecard> {
  const { source, problems } = reader.parse(shown, text, 'health');
  return source === undefined ? { kind: 'invalid', problems } : scorecardFromSource(source, problems);
}

interface MeasureFields {
  readonly weight: number;
  readonly max: number;
  readonly allowance?: number;
  readonly minMessages?: number;
  readonly maxRating?: number;
  readonly days?: number;
  readonly hours?: number;
}

/** The schema-checked file's shape (only trusted once the schema found no problem). */
interface ScorecardFile {
  readonly windowDays: number;
  readonly bands: { readonly yellow: number; readonly green: number };
  readonly measures: {
    readonly openTickets: MeasureFields;
    readonly recentTickets: MeasureFields;
    readonly complaints: Readonly<Record<'low' | 'medium' | 'high' | 'critical', MeasureFields>>;
    readonly negativeSentiment: MeasureFields;
    readonly lowCsat: MeasureFields;
    readonly missingCsat: MeasureFields;
    readonly repeatContact: MeasureFields;
    readonly unresolvedTickets: MeasureFields;
  };
}

function scorecardFromSource(
  source: YamlSource,
  schemaProblems: readonly KnowledgeProblem[],
): Checked<HealthScorecard> {
  if (schemaProblems.length > 0) return { kind: 'invalid', problems: schemaProblems };
  const file = source.data as ScorecardFile;
  if (file.bands.green <= file.bands.yellow) {
    const path = ['bands', 'green'];
    return {
      kind: 'invalid',
      problems: [
        {
          file: source.file,
          ...source.locate(path),
          field: formatYamlPath(path),
          message: `must be above bands.yellow (${file.bands.yellow}): red < yellow <= yellow < green <= green`,
        },
      ],
    };
  }
  const m = file.measures;
  const weight = (fields: MeasureFields): MeasureWeight => ({
    weight: fields.weight,
    max: fields.max,
    allowance: fields.allowance ?? 0,
  });
  const defaults = DEFAULT_HEALTH_SCORECARD;
  return {
    kind: 'valid',
    value: {
      windowDays: file.windowDays,
      bands: { yellow: file.bands.yellow, green: file.bands.green },
      weights: {
        openTickets: weight(m.openTickets),
        recentTickets: weight(m.recentTickets),
        complaintsLow: weight(m.complaints.low),
        complaintsMedium: weight(m.complaints.medium),
        complaintsHigh: weight(m.complaints.high),
        complaintsCritical: weight(m.complaints.critical),
        negativeSentiment: weight(m.negativeSentiment),
        lowCsat: weight(m.lowCsat),
        missingCsat: weight(m.missingCsat),
        repeatContact: weight(m.repeatContact),
        unresolvedTickets: weight(m.unresolvedTickets),
      },
      lowCsatMaxRating: m.lowCsat.maxRating ?? defaults.lowCsatMaxRating,
      repeatContactDays: m.repeatContact.days ?? defaults.repeatContactDays,
      unresolvedHours: m.unresolvedTickets.hours ?? defaults.unresolvedHours,
      negativeSentimentMinMessages: m.negativeSentiment.minMessages ?? defaults.negativeSentimentMinMessages,
    },
  };
}
