/**
 * A model's lanes, in index order, with their labels packed into one string: async with 100,000
 * tasks has 100,000 lanes, and as Lane objects they were 200,000 objects made at the model's end,
 * which the serving process's collector then copied in one 10–28 ms pause (bench (e)). Its JSON form
 * is the array of lanes runs have always been stored and exported with.
 */

/** A thread, process or async slot that runs tasks: one row of the lanes view, one track of a trace. */
export interface Lane {
  readonly index: number;
  readonly label: string;
}

/** Lanes read one at a time, by position or by lane index. */
export class LaneList implements Iterable<Lane> {
  private constructor(
    /** Each lane's index, ascending. */
    private readonly indexes: Int32Array,
    /** Every label, one after the other. */
    private readonly text: string,
    /** Where each label ends in `text`. */
    private readonly ends: Int32Array,
  ) {}

  /** A list of these lanes, put in index order (the last label of an index given twice wins). */
  static of(lanes: Iterable<Lane>): LaneList {
    const byIndex = new Map<number, string>();
    for (const lane of lanes) byIndex.set(lane.index, lane.label);
    const builder = new LaneListBuilder();
    builder.add([...byIndex].sort(([a], [b]) => a - b).map(([index, label]) => ({ index, label })));
    return builder.done();
  }

  get length(): number {
    return this.indexes.length;
  }

  /** The lane at position `i` (0 to length - 1). */
  at(i: number): Lane | undefined {
    if (!(i >= 0 && i < this.length)) return undefined;
    return { index: this.indexes[i]!, label: this.text.slice(i === 0 ? 0 : this.ends[i - 1], this.ends[i]) };
  }

  /** The label of the lane with this index, if the list has it. */
  labelOf(index: number): string | undefined {
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.indexes[middle]!;
      if (found === index) return this.at(middle)!.label;
      if (found < index) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** The lanes at positions `from` to `to` (exclusive). */
  slice(from = 0, to = this.length): Lane[] {
    const lanes: Lane[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) lanes.push(this.at(i)!);
    return lanes;
  }

  /** Each lane, mapped, in index order. */
  map<T>(each: (lane: Lane, position: number) => T): T[] {
    return Array.from({ length: this.length }, (_, i) => each(this.at(i)!, i));
  }

  *[Symbol.iterator](): Iterator<Lane> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  /** The array of lanes that runs are stored and exported with. */
  toJSON(): Lane[] {
    return [...this];
  }

  /** Made by LaneListBuilder only. */
  static fromParts(indexes: Int32Array, text: string, ends: Int32Array): LaneList {
    return new LaneList(indexes, text, ends);
  }
}

/**
 * Builds a LaneList from slices of lanes given in ascending index order, one slice a turn: what it
 * keeps of a slice is its labels joined into one string and two typed arrays, never an object per lane.
 */
export class LaneListBuilder {
  private readonly indexes: Int32Array[] = [];
  private readonly ends: Int32Array[] = [];
  private readonly texts: string[] = [];
  private textLength = 0;
  private last = -1;

  /** Appends lanes whose indexes are all above those added before, ascending. */
  add(lanes: readonly Lane[]): void {
    if (lanes.length === 0) return;
    const indexes = new Int32Array(lanes.length);
    const ends = new Int32Array(lanes.length);
    let end = this.textLength;
    lanes.forEach((lane, i) => {
      if (lane.index <= this.last)
        throw new Error(`lanes must come in ascending index order (${lane.index})`);
      this.last = lane.index;
      indexes[i] = lane.index;
      end += lane.label.length;
      ends[i] = end;
    });
    this.indexes.push(indexes);
    this.ends.push(ends);
    this.texts.push(lanes.map((lane) => lane.label).join(''));
    this.textLength = end;
  }

  done(): LaneList {
    return LaneList.fromParts(concat(this.indexes), this.texts.join(''), concat(this.ends));
  }
}

function concat(parts: readonly Int32Array[]): Int32Array {
  const all = new Int32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}
