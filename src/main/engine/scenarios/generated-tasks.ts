/**
 * A scenario's tasks made from their index when an executor asks for them, instead of an array made
 * up front: io-sleep's 100,000 tasks as an array were 200,000 objects made in one turn before the
 * run began (27–150 ms on 2 cores, most of it the collector copying them), then kept for the run.
 */
import type { TaskList, TaskSpec } from '../../../workers/protocol/executor';

/** `length` tasks, task i being `make(i)`; `make` must give equal tasks for equal indexes. */
export class GeneratedTasks implements TaskList {
  constructor(
    readonly length: number,
    private readonly make: (index: number) => TaskSpec,
  ) {}

  /** Task `index`, or undefined outside 0 to length - 1. */
  at(index: number): TaskSpec | undefined {
    return Number.isInteger(index) && index >= 0 && index < this.length ? this.make(index) : undefined;
  }

  /** Tasks `from` to `to` (exclusive), clamped to the list. */
  slice(from = 0, to = this.length): TaskSpec[] {
    const end = Math.min(Math.max(0, to), this.length);
    const tasks: TaskSpec[] = [];
    for (let index = Math.max(0, from); index < end; index++) tasks.push(this.make(index));
    return tasks;
  }
}
