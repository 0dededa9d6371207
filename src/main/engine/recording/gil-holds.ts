/**
 * Every turn a lane held the simulated GIL, as growable columns: a run under the GIL has hundreds of
 * thousands of 5 ms turns, kept in typed arrays so the timeline can show them one by one when zoomed in.
 */

/** GIL turns in the order they were reported (ms since the model's start). */
export class GilHolds {
  private lanes = new Int32Array(1024);
  private starts = new Float64Array(1024);
  private ends = new Float64Array(1024);
  private size = 0;

  /** Lane `lane` held the GIL from `start` to `end`. */
  add(lane: number, start: number, end: number): void {
    if (!(end > start)) return;
    if (this.size === this.lanes.length) this.grow();
    this.lanes[this.size] = lane;
    this.starts[this.size] = start;
    this.ends[this.size] = end;
    this.size++;
  }

  /** How many turns there are. */
  get count(): number {
    return this.size;
  }

  /** The lane of turn `i`. */
  lane(i: number): number {
    return this.lanes[i]!;
  }

  /** The start of turn `i`. */
  start(i: number): number {
    return this.starts[i]!;
  }

  /** The end of turn `i`. */
  end(i: number): number {
    return this.ends[i]!;
  }

  private grow(): void {
    const length = this.lanes.length * 2;
    const lanes = new Int32Array(length);
    const starts = new Float64Array(length);
    const ends = new Float64Array(length);
    lanes.set(this.lanes);
    starts.set(this.starts);
    ends.set(this.ends);
    [this.lanes, this.starts, this.ends] = [lanes, starts, ends];
  }
}
