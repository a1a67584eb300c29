import { describe, expect, it } from 'vitest';
import { csvCell, seriesCsv } from '../../src/reports/report-csv.ts';

describe('report CSV', () => {
  it.each([
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['2026-11-02', '2026-11-02'],
    [0.5, '0.5'],
    [null, ''],
  ])('writes %j as %j, never as a formula', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes a header row even for an empty series, with CRLF line ends', () => {
    const csv = seriesCsv([]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1);
    expect(csv).toMatch(/^start,date,conversations,questions,answer_rate,/);
  });
});
