/** "What to notice" of an engine lesson: its spec's claims, checked against what it last measured. */
import { useMemo, type ReactNode } from 'react';
import type { EngineLessonId } from '../../../../shared/lessons/lesson-ids';
import { ENGINE_LESSONS, type LessonSpecOf } from '../../../../shared/lessons/registry';
import { judgedOnBusyMachine } from '../../../../shared/claims';
import { busyMachine } from '../../../../shared/machine-load';
import { useLab } from '../../store/store-context';
import { WhatToNotice } from './what-to-notice';

/** The lesson's claims once it has a result, with where its run is saved. */
export function EngineLessonNotice<L extends EngineLessonId>({ lesson }: { readonly lesson: L }): ReactNode {
  const result = useLab((s) => s.lessons.results[lesson]);
  const load = useLab((s) => s.lessons.saved[lesson]?.load);
  const claims = useMemo(() => {
    const spec: LessonSpecOf<L> = ENGINE_LESSONS[lesson];
    return result === null ? null : judgedOnBusyMachine(spec.claims(result), busyMachine(load));
  }, [lesson, result, load]);
  return <WhatToNotice form={lesson} claims={claims} load={load} />;
}
