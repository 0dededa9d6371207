import { describe, expect, it } from 'vitest';
import { CLASSIC_MODELS, formOf, initialFormText, textProblem } from './lessons-slice-forms';
import { engineLessonRequest, runLessonRequest } from './lessons-slice-requests';
import { PIPELINE_KNOBS } from '../../../shared/lessons/pipeline';
import { RACE_KNOBS } from '../../../shared/lessons/race-condition';

const MB = 1024 * 1024;
const text = initialFormText();

describe('lesson forms', () => {
  it('builds the "10 files" requests from the knob text, with small workshop defaults', () => {
    expect(runLessonRequest('ten-files-io', text['ten-files-io'], 2)).toEqual({
      ok: true,
      value: {
        scenario: 'io-sleep',
        params: { tasks: 10, taskMs: 500 },
        models: CLASSIC_MODELS,
        pool: {},
        origin: 'ten-files-io',
      },
    });
    const cpu = runLessonRequest('ten-files-cpu', { ...text['ten-files-cpu'], 'params.taskMs': '2,000' }, 2);
    expect(cpu).toMatchObject({ ok: true, value: { scenario: 'cpu-wordcount', params: { taskMs: 2000 } } });
  });

  it('sends the HTTP lesson’s concurrency limit as the async pool setting, and leaves it out when empty', () => {
    expect(runLessonRequest('http-requests', text['http-requests'], 2)).toMatchObject({
      ok: true,
      value: { params: { tasks: 200, latencyMs: 20 }, pool: { concurrency: 20 } },
    });
    const unlimited = runLessonRequest(
      'http-requests',
      { ...text['http-requests'], 'pool.concurrency': ' ' },
      2,
    );
    expect(unlimited.ok && unlimited.value.pool).toEqual({});
  });

  it('gives the image lesson one thread per core unless a number is typed', () => {
    expect(runLessonRequest('image-batch', text['image-batch'], 8)).toMatchObject({
      value: { pool: { threads: 8 } },
    });
    const typed = runLessonRequest('image-batch', { ...text['image-batch'], 'pool.threads': '3' }, 8);
    expect(typed).toMatchObject({ value: { pool: { threads: 3 } } });
  });

  it('reports a bad knob by its field with the engine’s wording of the range', () => {
    const result = runLessonRequest('ten-files-io', { ...text['ten-files-io'], 'params.taskMs': 'soon' }, 2);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toContainEqual(
      expect.objectContaining({ field: 'params.taskMs', message: 'must be an integer from 1 to 60000' }),
    );
    const empty = runLessonRequest('http-requests', { ...text['http-requests'], 'params.tasks': '' }, 2);
    expect(!empty.ok && empty.issues[0]?.field).toBe('params.tasks');
  });

  it('builds each engine lesson’s request for its own channel', () => {
    expect(engineLessonRequest('race-condition', text['race-condition'], 'threads')).toEqual({
      ok: true,
      value: {
        lesson: 'race-condition',
        channel: 'lesson:race-condition',
        request: { workers: 4, increments: 1_000_000, switchIntervalMs: 5 },
      },
    });
    expect(engineLessonRequest('deadlock', text.deadlock, 'threads')).toMatchObject({
      value: {
        channel: 'lesson:deadlock',
        request: { pauseMs: 50, reportAfterMs: 200, giveUpAfterMs: 5000 },
      },
    });
    expect(engineLessonRequest('data-passing', text['data-passing'], 'threads')).toMatchObject({
      value: {
        request: { sizes: [64 * 1024, 256 * 1024, MB, 4 * MB, 16 * MB], repeats: 3, latencySamples: 200 },
      },
    });
  });

  it('sends the pipeline’s empty rate as "as fast as the queue takes them" and its chosen consumers', () => {
    const pipeline = engineLessonRequest('pipeline', text.pipeline, 'processes');
    expect(pipeline.ok && pipeline.value.request).toEqual({
      items: 4000,
      ratePerSecond: null,
      capacity: 8,
      carrier: 'processes',
      roundsPerItem: 100_000,
    });
    const paced = engineLessonRequest(
      'pipeline',
      { ...text.pipeline, ratePerSecond: '500', consumers: '3' },
      'threads',
    );
    expect(paced.ok && paced.value.request).toMatchObject({ ratePerSecond: 500, consumers: 3 });
  });

  it('refuses an engine lesson whose knob is out of range, naming the knob and its range', () => {
    const result = engineLessonRequest(
      'race-condition',
      { ...text['race-condition'], workers: '1' },
      'threads',
    );
    expect(result).toEqual({
      ok: false,
      issues: [{ field: 'workers', flag: '--workers', message: 'must be an integer from 2 to 16' }],
    });
  });

  it('allows an empty field only where the engine has a meaning for unset', () => {
    expect(textProblem(PIPELINE_KNOBS.ratePerSecond, '')).toBeNull();
    expect(textProblem(RACE_KNOBS.workers, '')).toBe('must be an integer from 2 to 16');
    expect(textProblem(RACE_KNOBS.workers, '2.5')).toBe('must be an integer from 2 to 16');
  });

  it('shows the variant’s form in the "10 files" lesson and none in the guide', () => {
    expect(formOf('ten-files', 'cpu')).toBe('ten-files-cpu');
    expect(formOf('pipeline', 'io')).toBe('pipeline');
    expect(formOf('which-model', 'io')).toBeNull();
  });
});
