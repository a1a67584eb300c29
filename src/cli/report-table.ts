import type { Percentiles, Rate, ReportSummary } from '../reports/report-summary.ts';

/** The report as text for a terminal: the totals, then one row per day or week. */
export function reportTable(s: ReportSummary): string {
  const { period } = s;
  const lines = [
    `Report ${period.from} to ${period.to} (${period.timeZone}, by ${period.interval})`,
    '',
    `Conversations            ${s.conversations} (${s.conversationsWithQuestion} with a question, ${s.handedOffConversations} handed to a person)`,
    `Questions                ${s.questions}: answered ${percent(s.answerRate)}, did you mean ${percent(s.didYouMeanRate)}, no match ${percent(s.noMatchRate)}`,
    `Bot resolution rate      ${percent(s.botResolutionRate)} (handoff rate ${percent(s.handoffRate)})`,
    `Handoffs by reason       ${counts(s.handoffReasons)}`,
    `Helpful                  ${percent(s.helpfulRate)} (${s.helpfulVotes.yes} yes, ${s.helpfulVotes.no} no)`,
    `First response           ${duration(s.firstResponseSeconds)}`,
    `Resolution               ${duration(s.resolutionSeconds)}`,
    `CSAT                     ${percent(s.csat.score)} of ${s.csat.ratings} ratings are 4-5; response rate ${percent(s.csat.responseRate)} of ${s.csat.surveysSent} surveys; 1-5: ${Object.values(s.csat.distribution).join(' / ')}`,
    `Negative messages        ${percent(s.negativeShare)}; conversations that got angrier ${percent(s.angrierShare)}`,
    `Complaints               ${s.complaints.total}: ${counts(s.complaints.byCategory)}; severity ${counts(s.complaints.bySeverity)}`,
    `Top entries              ${s.topEntries.map((e) => `${e.entryId} ${e.answered} (helpful ${percent(e.helpfulRate)})`).join(', ') || '-'}`,
    `Top unanswered groups    ${s.topUnanswered.length === 0 ? '-' : ''}`.trimEnd(),
    ...s.topUnanswered.map(
      (g) =>
        `  ${String(g.count).padStart(4)}  ${JSON.stringify(oneLine(g.sample))} (${g.phrasings} wording${g.phrasings === 1 ? '' : 's'}; ${g.reasons.join(', ')})`,
    ),
    `CSAT comments            ${s.csat.comments.length === 0 ? '-' : ''}`.trimEnd(),
    ...s.csat.comments.map((c) => `  ${c.ticketReference} rated ${c.rating}: ${oneLine(c.comment)}`),
    '',
  ];
  const header = [
    'date',
    'conv',
    'questions',
    'answered',
    'bot res.',
    'handoff',
    'helpful',
    'first resp. p50/p90',
    'resolution p50/p90',
    'csat',
    'negative',
    'complaints',
  ];
  const rows = s.series.map((p) => [
    p.date,
    String(p.conversations),
    String(p.questions),
    percent(p.answerRate),
    percent(p.botResolutionRate),
    percent(p.handoffRate),
    percent(p.helpfulRate),
    duration(p.firstResponseSeconds),
    duration(p.resolutionSeconds),
    percent(p.csatScore),
    percent(p.negativeShare),
    String(p.complaints),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[...lines, format(header), ...rows.map(format)].join('\n')}\n`;
}

function percent(rate: Rate): string {
  return rate === null ? '-' : `${(rate * 100).toFixed(1)}%`;
}

function duration(p: Percentiles): string {
  return p.median === null ? '-' : `${short(p.median)} / ${short(p.p90 ?? p.median)}`;
}

/** Seconds as `45s`, `12m 5s`, `3h 20m`. */
function short(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

function counts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record);
  return entries.length === 0 ? '-' : entries.map(([k, n]) => `${k} ${n}`).join(', ');
}

/** A customer's comment on one terminal line, without control characters. */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').slice(0, 200);
}
