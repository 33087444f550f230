/** Where a command writes; injectable so tests run the CLI in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Reads a whole file or, for "-", standard input. */
  readInput(file: string): Promise<string>;
}
