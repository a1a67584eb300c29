import { type RawBuilder, sql } from 'kysely';

/** What every report query is given: the period as ISO text and the inner bucket boundaries. */
export interface ReportScope {
  readonly from: string;
  readonly to: string;
  /** Starts of the 2nd, 3rd, … bucket (ISO instants, ascending); empty for one bucket. */
  readonly boundaries: readonly string[];
}

/**
 * SQL for the index of the bucket a stored ISO timestamp falls in (0-based), as nested `case`
 * expressions that halve the boundaries at each level: about log2(buckets) text comparisons a
 * row, the same on SQLite and PostgreSQL, and no table of buckets to join.
 */
export function bucketOf(column: RawBuilder<unknown>, boundaries: readonly string[]): RawBuilder<number> {
  const split = (lo: number, hi: number): RawBuilder<number> => {
    if (hi - lo === 1) return sql<number>`${sql.lit(lo)}`;
    const mid = Math.floor((lo + hi) / 2);
    return sql<number>`(case when ${column} < ${boundaries[mid - 1]} then ${split(lo, mid)} else ${split(mid, hi)} end)`;
  };
  return split(0, boundaries.length + 1);
}

/**
 * The nearest-rank median and 90th percentile of `secs` for each `bucket` of `source` (a derived
 * table with those two columns): the smallest value whose rank r (1-based, ascending) satisfies
 * r ≥ p/100 · n. Window functions only, since SQLite has no `percentile_cont`.
 */
export function percentilesBy(source: RawBuilder<unknown>): RawBuilder<PercentileRow> {
  return sql<PercentileRow>`select bucket, count(*) as n,
      min(case when rn * 100 >= 50 * cnt then secs end) as median,
      min(case when rn * 100 >= 90 * cnt then secs end) as p90
    from (select bucket, secs,
        row_number() over (partition by bucket order by secs) as rn,
        count(*) over (partition by bucket) as cnt
      from (${source}) d) r
    group by bucket`;
}

/** One bucket's percentiles as the database returns them (PostgreSQL gives numerics as text). */
export interface PercentileRow {
  readonly bucket: number | string;
  readonly n: number | string;
  readonly median: number | string | null;
  readonly p90: number | string | null;
}

/** A count or sum from either database as a number (PostgreSQL returns bigint and numeric as text). */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Seconds rounded to the millisecond (julianday arithmetic is off by microseconds). */
export function seconds(value: unknown): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 1000) / 1000;
}
