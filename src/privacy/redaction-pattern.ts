/** An admin's named pattern from `knowledge/redaction.yaml`, checked and compiled. */
export interface RedactionPattern {
  /** The type its matches are counted under, e.g. `iban`. */
  readonly name: string;
  readonly regex: RegExp;
  /** What replaces each match (default `[<name>]`). */
  readonly replacement: string;
}
