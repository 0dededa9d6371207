import { describe, expect, it } from 'vitest';
import type { ModelResult, RunResult } from '../../../shared/results';
import { sampleRun } from './fixtures.test-support';
import { MAX_COUNTER_SAMPLES, decimate, formatTrace, toChromeTrace, type TraceEvent } from './trace';
import { TaskTimeline } from '../../../shared/task-timeline';
import { LaneListBuilder } from '../../../shared/lane-list';

function parsed(run: RunResult): { traceEvents: TraceEvent[]; displayTimeUnit: string } {
  return JSON.parse(formatTrace(run)) as { traceEvents: TraceEvent[]; displayTimeUnit: string };
}

function taskEvents(events: readonly TraceEvent[], pid: number): TraceEvent[] {
  return events.filter((e) => e.pid === pid && (e.ph === 'X' || e.ph === 'b' || e.ph === 'e'));
}

function eventEnd(e: TraceEvent): number {
  return e.ts + (e.dur ?? 0);
}

describe('toChromeTrace', () => {
  it('is valid JSON in the object form, with non-negative X times', () => {
    const trace = parsed(sampleRun());
    expect(trace.displayTimeUnit).toBe('ms');
    const complete = trace.traceEvents.filter((e) => e.ph === 'X');
    expect(complete.length).toBeGreaterThan(0);
    for (const e of complete) {
      expect(e.ts).toBeGreaterThanOrEqual(0);
      expect(e.dur).toBeGreaterThanOrEqual(0);
      expect(e.name).toMatch(/^task \d+$/);
    }
  });

  it('names one process per model and one thread per lane', () => {
    const run = sampleRun();
    const events = toChromeTrace(run).traceEvents;
    run.results.forEach((model, index) => {
      const pid = index + 1;
      const processNames = events.filter((e) => e.ph === 'M' && e.name === 'process_name' && e.pid === pid);
      expect(processNames.map((e) => e.args?.name)).toEqual([`${model.model} (${model.placement})`]);
      const threadNames = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid);
      expect(threadNames.map((e) => [e.tid, e.args?.name])).toEqual(
        model.lanes.map((lane) => [lane.index + 1, lane.label]),
      );
    });
  });

  it('puts every model on one clock: each model starts after the previous one ended', () => {
    const run = sampleRun();
    const events = toChromeTrace(run).traceEvents;
    expect(Math.min(...taskEvents(events, 1).map((e) => e.ts))).toBe(0);
    for (let pid = 1; pid < run.results.length; pid++) {
      const lastEnd = Math.max(...taskEvents(events, pid).map(eventEnd));
      const nextStart = Math.min(...taskEvents(events, pid + 1).map((e) => e.ts));
      expect(nextStart).toBeGreaterThanOrEqual(lastEnd);
    }
  });

  it('places each task at its start on the shared clock, in microseconds', () => {
    const run = sampleRun();
    const processes = run.results[4] as ModelResult;
    const record = processes.timeline.at(3);
    const event = toChromeTrace(run).traceEvents.find(
      (e) => e.pid === 5 && e.ph === 'X' && e.name === 'task 3',
    );
    const earliest = run.results[0]?.epochStartMs ?? 0;
    expect(event?.ts).toBeCloseTo((processes.epochStartMs + record.startedAt - earliest) * 1000, 3);
    expect(event?.dur).toBeCloseTo((record.endedAt - record.startedAt) * 1000, 3);
    expect(event?.tid).toBe(record.lane + 1);
    expect(event?.cat).toBe('processes');
  });

  it('shows overlapping async tasks as nestable async b/e pairs, not X events', () => {
    const run = sampleRun();
    const events = taskEvents(toChromeTrace(run).traceEvents, 2);
    expect(events.filter((e) => e.ph === 'X')).toHaveLength(0);
    const begins = events.filter((e) => e.ph === 'b');
    const ends = events.filter((e) => e.ph === 'e');
    expect(begins).toHaveLength(run.results[1]?.timeline.length ?? -1);
    expect(ends).toHaveLength(begins.length);
    for (const begin of begins) {
      expect(begin.cat).toBe('async');
      const end = ends.find((e) => e.id2?.local === begin.id2?.local);
      expect(end?.name).toBe(begin.name);
      expect(end?.cat).toBe(begin.cat);
      expect(end?.ts).toBeGreaterThanOrEqual(begin.ts);
    }
    expect(new Set(begins.map((e) => e.id2?.local)).size).toBe(begins.length);
  });

  it('colours a failed task and says so in its args', () => {
    const events = toChromeTrace(sampleRun({ wrongAnswer: true })).traceEvents;
    const failed = events.filter((e) => e.ph === 'X' && e.args?.ok === false);
    expect(failed.map((e) => [e.pid, e.name, e.cname])).toEqual([[3, 'task 3', 'terrible']]);
  });

  it('counts completed tasks per model, ending at the model total', () => {
    const run = sampleRun({ wrongAnswer: true });
    const events = toChromeTrace(run).traceEvents;
    run.results.forEach((model, index) => {
      const counters = events.filter((e) => e.ph === 'C' && e.pid === index + 1);
      expect(counters[0]?.args).toEqual({ completed: 0, failed: 0 });
      expect(counters[counters.length - 1]?.args).toEqual({
        completed: model.completed,
        failed: model.failed,
      });
    });
  });

  it('caps the counter at 2000 samples, keeping the final count', () => {
    const base = sampleRun();
    const timeline = Array.from({ length: 5001 }, (_, task) => ({
      task,
      lane: 0,
      queuedAt: 0,
      startedAt: task,
      endedAt: task + 1,
      ok: true,
    }));
    const sequential = {
      ...(base.results[0] as ModelResult),
      timeline: TaskTimeline.of(timeline),
      completed: 5001,
      total: 5001,
    };
    const counters = toChromeTrace({ ...base, results: [sequential] }).traceEvents.filter(
      (e) => e.ph === 'C',
    );
    expect(counters.length).toBeLessThanOrEqual(MAX_COUNTER_SAMPLES);
    expect(counters[counters.length - 1]?.args?.completed).toBe(5001);
    expect(decimate(10, 20)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(decimate(10, 4)).toEqual([2, 5, 8, 9]);
  });

  it('exports async with 150,000 tasks, one lane each, without running out of stack', () => {
    const base = sampleRun();
    const count = 150_000;
    const timeline = TaskTimeline.sized(count);
    const lanes = new LaneListBuilder();
    for (let task = 0; task < count; task++) {
      timeline.put(task, {
        task,
        lane: task,
        queuedAt: 0,
        startedAt: task / 100,
        endedAt: task / 100 + 1,
        ok: true,
      });
    }
    lanes.add(Array.from({ length: count }, (_, index) => ({ index, label: `slot ${index + 1}` })));
    const async = {
      ...(base.results[0] as ModelResult),
      model: 'async' as const,
      timeline,
      lanes: lanes.done(),
      completed: count,
      total: count,
    };
    const events = toChromeTrace({ ...base, results: [async] }).traceEvents;
    expect(events.filter((e) => e.ph === 'M' && e.name === 'thread_name')).toHaveLength(count);
    // Interleaved (async): a begin and an end per task.
    expect(events.filter((e) => e.ph === 'b')).toHaveLength(count);
    expect(events.filter((e) => e.ph === 'e')).toHaveLength(count);
  });

  it('sorts events by time after the metadata', () => {
    const events = toChromeTrace(sampleRun()).traceEvents;
    const firstTimed = events.findIndex((e) => e.ph !== 'M');
    expect(events.slice(firstTimed).every((e) => e.ph !== 'M')).toBe(true);
    const times = events.slice(firstTimed).map((e) => e.ts);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
