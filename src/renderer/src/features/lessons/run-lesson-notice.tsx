/** "What to notice" of a run lesson: the race claims, checked against the lesson's last run. */
import { useMemo, type ReactNode } from 'react';
import { runLessonClaims } from '../../store/lessons-slice-claims';
import { RUN_FORMS, type RunFormId } from '../../store/lessons-slice-forms';
import { selectRunOnScreen } from '../../store/run-slice';
import { useLab } from '../../store/store-context';
import { WhatToNotice } from './what-to-notice';

/** The claims about the models this lesson runs, from its last run. */
export function RunLessonNotice({ form }: { readonly form: RunFormId }): ReactNode {
  const view = useLab((s) => selectRunOnScreen(s, form).view);
  const claims = useMemo(
    () =>
      view
        ? runLessonClaims(view.run, [...RUN_FORMS[form].models, ...(RUN_FORMS[form].pythonModels ?? [])])
        : null,
    [view, form],
  );
  return <WhatToNotice form={form} claims={claims} load={view?.run.load ?? undefined} />;
}
