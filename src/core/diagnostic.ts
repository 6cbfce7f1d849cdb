// Where something came from, and what is wrong with it: the shape every stage reports problems in.

/** Where something came from: the memo file and a 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

export type Severity = 'error' | 'warning';

/** A problem found in the input, shown by the CLI, the Vite overlay and the tests alike. */
export interface Diagnostic extends SourceRef {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
}
