/** What every benchmark section reports. */

/** One measured target, as every section reports it. */
export interface Line {
  readonly name: string;
  readonly measured: string;
  readonly ratio: number;
  readonly target: string;
  readonly met: boolean;
}
