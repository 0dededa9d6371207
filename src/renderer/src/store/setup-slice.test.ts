import { describe, expect, it } from 'vitest';
import { CATALOG } from '../test-support/fixtures';
import { createLabStore } from './lab-store';
import { LESSON_RUNNING } from './lessons-slice';
import { initialFormText } from './lessons-slice-forms';
import { engineLessonRequest, runLessonRequest } from './lessons-slice-requests';
import {
  selectFieldError,
  selectKnobText,
  selectModelPicked,
  selectRunBlocker,
  selectSetupDraft,
  selectValidation,
} from './setup-slice';

function loadedStore() {
  const store = createLabStore();
  store.getState().catalogLoaded(CATALOG);
  store.getState().connectionChanged('open');
  return store;
}

describe('setup slice', () => {
  it('starts from the first scenario, its defaults and every model once the catalogue arrives', () => {
    const store = loadedStore();
    const s = store.getState();
    expect(s.setup.scenario).toBe('io-sleep');
    expect(selectKnobText(s, 'tasks')).toBe('10');
    expect(selectKnobText(s, 'taskMs')).toBe('2000');
    expect(s.setup.models).toEqual(['sequential', 'async', 'threads', 'gil-threads', 'processes']);
    expect(selectRunBlocker(s)).toBeNull();
  });

  it('keeps what was typed for each scenario when switching back and forth', () => {
    const store = loadedStore();
    store.getState().knobEdited('tasks', '25');
    store.getState().scenarioPicked('cpu-primes');
    expect(selectKnobText(store.getState(), 'tasks')).toBe('8');
    store.getState().scenarioPicked('io-sleep');
    expect(selectKnobText(store.getState(), 'tasks')).toBe('25');
  });

  it('shows a knob out of range inline, worded with its range, and blocks Run', () => {
    const store = loadedStore();
    store.getState().knobEdited('tasks', '0');
    const s = store.getState();
    expect(selectFieldError(s, 'params.tasks')).toBe('must be an integer from 1 to 100000');
    expect(selectFieldError(s, 'params.taskMs')).toBeNull();
    expect(selectRunBlocker(s)).toMatch(/Fix the fields/);
  });

  it('checks pool settings and leaves empty ones to their defaults', () => {
    const store = loadedStore();
    store.getState().poolEdited('threads', '500');
    expect(selectFieldError(store.getState(), 'pool.threads')).toBe('must be an integer from 1 to 128');
    store.getState().poolEdited('threads', '');
    const validation = selectValidation(store.getState());
    expect(validation?.ok && validation.value.pool).toEqual({});
  });

  it('keeps models in run order whatever order they are ticked in, and needs at least one', () => {
    const store = loadedStore();
    for (const model of ['sequential', 'async', 'threads', 'gil-threads', 'processes'] as const)
      store.getState().modelToggled(model, false);
    expect(selectFieldError(store.getState(), 'models')).toMatch(/at least one model/);
    store.getState().modelToggled('processes', true);
    store.getState().modelToggled('async', true);
    expect(store.getState().setup.models).toEqual(['async', 'processes']);
    expect(selectModelPicked(store.getState(), 'threads')).toBe(false);
  });

  it('returns the same draft and validation objects until the setup changes', () => {
    const store = loadedStore();
    const s = store.getState();
    expect(selectSetupDraft(s)).toBe(selectSetupDraft(store.getState()));
    expect(selectValidation(s)).toBe(selectValidation(store.getState()));
    store.getState().knobEdited('tasks', '11');
    expect(selectValidation(store.getState())).not.toBe(selectValidation(s));
  });

  it('maps the engine’s issues back to their fields, and forgets one when its field is edited', () => {
    const store = loadedStore();
    store.getState().runRequested(['sequential']);
    store.getState().runRejected({
      code: 'invalid-request',
      message: 'invalid request',
      issues: [
        { field: 'params.tasks', flag: '--tasks', message: 'must be an integer from 1 to 100000' },
        { field: 'pool.threads', flag: '--threads', message: 'must be an integer from 1 to 128' },
      ],
    });
    let s = store.getState();
    expect(selectFieldError(s, 'params.tasks')).toBe('must be an integer from 1 to 100000');
    expect(selectFieldError(s, 'pool.threads')).toBe('must be an integer from 1 to 128');
    expect(s.run.error).toBeNull();
    store.getState().knobEdited('tasks', '12');
    s = store.getState();
    expect(selectFieldError(s, 'params.tasks')).toBeNull();
    expect(selectFieldError(s, 'pool.threads')).toBe('must be an integer from 1 to 128');
  });

  it('restores defaults', () => {
    const store = loadedStore();
    store.getState().knobEdited('tasks', 'abc');
    store.getState().poolEdited('processes', '3');
    store.getState().modelToggled('async', false);
    store.getState().defaultsRestored();
    const s = store.getState();
    expect(selectKnobText(s, 'tasks')).toBe('10');
    expect(s.setup.poolText).toEqual({});
    expect(s.setup.models).toHaveLength(5);
  });

  it('blocks Run until the catalogue is loaded and while disconnected', () => {
    const store = createLabStore();
    expect(selectRunBlocker(store.getState())).toMatch(/catalogue/);
    store.getState().catalogLoaded(CATALOG);
    expect(selectRunBlocker(store.getState())).toMatch(/Not connected/);
  });

  it('blocks Run while a lesson runs, saying why, and frees it when the lesson ends', () => {
    const store = loadedStore();
    const s = () => store.getState();
    const pipeline = engineLessonRequest('pipeline', initialFormText().pipeline, 'threads');
    if (!pipeline.ok) throw new Error('defaults must be valid');
    s().engineLessonStarted(pipeline.value);
    expect(selectRunBlocker(s())).toBe('A lesson is running: cancel it or wait for it to finish.');
    s().engineLessonEnded('pipeline', { kind: 'cancelled' });
    expect(selectRunBlocker(s())).toBeNull();
  });

  it('blocks Run while a run lesson’s run is live, not when the engine refused it', () => {
    const store = loadedStore();
    const s = () => store.getState();
    const request = runLessonRequest('ten-files-io', initialFormText()['ten-files-io'], 2);
    if (!request.ok) throw new Error('defaults must be valid');
    s().lessonRunRequested('ten-files-io', request.value);
    s().runRequested(request.value.models);
    expect(selectRunBlocker(s())).toBe(LESSON_RUNNING);
    s().runRejected({ code: 'busy', message: 'something else runs' });
    expect(selectRunBlocker(s())).toBeNull();
  });
});
