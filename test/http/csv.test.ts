import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from '../../src/http/admin-api/csv.ts';

describe('csvCell', () => {
  it.each<[string, string | number | null, string]>([
    ['plain text as it is', 'Avery Stone', 'Avery Stone'],
    ['a formula behind a quote mark', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a plus sign', '+1 555 0100', "'+1 555 0100"],
    ['a minus sign', '-2+3', "'-2+3"],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a leading carriage return', '\r=1', `"'\r=1"`],
    ['a formula sign later on as it is', 'a=b', 'a=b'],
    ['a comma, quoted', 'Stone, Avery', '"Stone, Avery"'],
    ['a line break, quoted', 'two\nlines', '"two\nlines"'],
    ['quotes, doubled', 'say "hi"', '"say ""hi"""'],
    ['a negative number as a number', -3, '-3'],
    ['null as an empty cell', null, ''],
  ])('writes %s', (_name, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('joins rows with commas and CRLF, ending with one', () => {
    expect(
      csvText([
        ['id', 'name'],
        [1, '=x'],
      ]),
    ).toBe("id,name\r\n1,'=x\r\n");
  });
});
