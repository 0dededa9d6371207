import { describe, expect, it } from 'vitest';
import { CATALOG } from '../test-support/fixtures';
import { createLabStore } from './lab-store';
import {
  selectLessonPythonAvailability,
  selectLessonPythonModels,
  selectRunLessonRequest,
} from './lessons-slice-selectors';

describe('the run lessons’ real-CPython rows', () => {
  it('are offered where an interpreter is found, and added to the race when ticked', () => {
    const store = createLabStore();
    const s = () => store.getState();
    s().catalogLoaded(CATALOG);
    expect(selectLessonPythonAvailability(s(), 'ten-files-cpu')).toEqual({ available: true, reason: null });
    const before = selectRunLessonRequest(s(), 'ten-files-cpu');
    expect(before.ok && before.value.models).toEqual(['sequential', 'async', 'threads', 'processes']);
    s().pythonRowsToggled(true);
    expect(selectLessonPythonModels(s(), 'http-requests')).toEqual([
      'py-sequential',
      'py-asyncio',
      'py-threads',
      'py-processes',
    ]);
    const after = selectRunLessonRequest(s(), 'ten-files-cpu');
    expect(after.ok && after.value.models).toEqual([
      'sequential',
      'async',
      'threads',
      'processes',
      'py-sequential',
      'py-asyncio',
      'py-threads',
      'py-processes',
    ]);
    expect(selectLessonPythonModels(s(), 'image-batch')).toEqual([]);
  });

  it('say why not where no interpreter is found, and leave the race as it was', () => {
    const store = createLabStore();
    const s = () => store.getState();
    const reason = 'no usable Python: python3 not found; python not found';
    s().catalogLoaded({
      ...CATALOG,
      models: CATALOG.models.map((m) =>
        m.family.id === 'cpython' ? { ...m, availability: { available: false as const, reason } } : m,
      ),
    });
    s().pythonRowsToggled(true);
    expect(selectLessonPythonAvailability(s(), 'ten-files-io')).toEqual({ available: false, reason });
    const request = selectRunLessonRequest(s(), 'ten-files-io');
    expect(request.ok && request.value.models).toEqual(['sequential', 'async', 'threads', 'processes']);
  });
});
