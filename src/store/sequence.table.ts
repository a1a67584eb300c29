/** Row of `sequences`: a named counter (portable stand-in for SQL sequences, which SQLite lacks). */
export interface SequenceTable {
  name: string;
  value: number;
}
