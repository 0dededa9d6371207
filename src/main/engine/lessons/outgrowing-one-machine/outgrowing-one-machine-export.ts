/** The export sections of "Outgrowing one machine": every measurement as a row, and one Markdown table per part. */
import { formatCount, reportMs } from '../../../../shared/format';
import {
  rowsOf,
  type OutgrowingResult,
  type OutgrowingRow,
} from '../../../../shared/lessons/outgrowing-one-machine';
import { markdownTable, type CsvValue, type LessonExportSections } from '../../reporters/lesson-sections';

/** The CSV columns: one row per measurement, the columns a part does not measure left empty. */
export const OUTGROWING_CSV_COLUMNS = [
  'part',
  'model',
  'task_ms',
  'tasks',
  'local_workers',
  'joined_workers',
  'wall_ms',
  'sequential_ms',
  'processes_ms',
  'distributed_ms',
  'overhead_ms_per_task',
  'throughput_per_s',
  'killed_pid',
  'redelivered',
  'lost',
  'counted_twice',
  'checked_ok',
] as const;

function csvRow(row: OutgrowingRow): CsvValue[] {
  const cells: Record<(typeof OUTGROWING_CSV_COLUMNS)[number], CsvValue> = {
    part: row.part,
    model: row.part === 'overhead' ? row.model : row.part === 'sweep' ? null : 'distributed',
    task_ms: row.part === 'kill' ? null : row.taskMs,
    tasks: row.tasks,
    local_workers: row.part === 'scaling' ? row.localWorkers : null,
    joined_workers: row.part === 'scaling' ? row.joinedWorkers : null,
    wall_ms: row.part === 'sweep' ? null : row.wallMs,
    sequential_ms: row.part === 'sweep' ? row.sequentialMs : null,
    processes_ms: row.part === 'sweep' ? row.processesMs : null,
    distributed_ms: row.part === 'sweep' ? row.distributedMs : null,
    overhead_ms_per_task: row.part === 'overhead' ? row.overheadMs : null,
    throughput_per_s: row.part === 'scaling' ? row.throughput : null,
    killed_pid: row.part === 'kill' ? row.killedPid : null,
    redelivered: row.part === 'kill' ? row.redelivered : null,
    lost: row.part === 'kill' ? row.lost : null,
    counted_twice: row.part === 'kill' ? row.countedTwice : null,
    checked_ok: row.ok,
  };
  return OUTGROWING_CSV_COLUMNS.map((column) => cells[column]);
}

function ok(value: boolean): string {
  return value ? 'ok' : 'WRONG';
}

function outgrowingMarkdown(result: OutgrowingResult): string[] {
  const lines = [`Broker: ${result.broker} · ${result.cores} cores`, ''];
  const overhead = rowsOf(result, 'overhead');
  if (overhead.length > 0)
    lines.push(
      '## What each task pays on its way',
      '',
      ...markdownTable(
        ['Model', 'Tasks', 'Workers', 'Task (ms)', 'Wall (ms)', 'Overhead per task (ms)', 'Answers'],
        [false, true, true, true, true, true, false],
        overhead.map((r) => [
          r.model,
          formatCount(r.tasks),
          String(r.workers),
          reportMs(r.taskMs),
          reportMs(r.wallMs),
          reportMs(r.overheadMs),
          ok(r.ok),
        ]),
      ),
      '',
    );
  const sweep = rowsOf(result, 'sweep');
  if (sweep.length > 0)
    lines.push(
      '## Task sizes',
      '',
      ...markdownTable(
        [
          'Task (ms)',
          'Tasks',
          'Plain loop (ms)',
          'Processes (ms)',
          'Distributed (ms)',
          'Distributed vs loop',
          'Answers',
        ],
        [true, true, true, true, true, true, false],
        sweep.map((r) => [
          reportMs(r.taskMs),
          formatCount(r.tasks),
          reportMs(r.sequentialMs),
          reportMs(r.processesMs),
          reportMs(r.distributedMs),
          `${(r.sequentialMs / Math.max(r.distributedMs, 1e-9)).toFixed(2)}×`,
          ok(r.ok),
        ]),
      ),
      '',
    );
  const scaling = rowsOf(result, 'scaling');
  if (scaling.length > 0)
    lines.push(
      '## Workers',
      '',
      ...markdownTable(
        ['Local workers', 'Joined', 'Tasks', 'Task (ms)', 'Wall (ms)', 'Tasks/s', 'Answers'],
        [true, true, true, true, true, true, false],
        scaling.map((r) => [
          String(r.localWorkers),
          String(r.joinedWorkers),
          formatCount(r.tasks),
          reportMs(r.taskMs),
          reportMs(r.wallMs),
          r.throughput.toFixed(1),
          ok(r.ok),
        ]),
      ),
      '',
    );
  for (const kill of rowsOf(result, 'kill'))
    lines.push(
      '## A worker killed mid-task',
      '',
      kill.killedPid === null
        ? `No worker could be killed mid-task: the ${kill.tasks} tasks ended first.`
        : `Worker pid ${kill.killedPid} was killed while it ran a task: ${kill.redelivered} redelivered, ${kill.lost} lost, ${kill.countedTwice} counted twice, of ${kill.tasks} tasks (${ok(kill.ok)}).`,
      '',
    );
  return lines;
}

/** The lesson's export sections (no trace: it measures many short runs, not one timeline). */
export const outgrowingExport: LessonExportSections<OutgrowingResult> = {
  csv: { columns: OUTGROWING_CSV_COLUMNS, rows: (result) => result.rows.map(csvRow) },
  markdown: outgrowingMarkdown,
};
