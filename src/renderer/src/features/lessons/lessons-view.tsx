/** The Lessons view: the list of workshop lessons beside the lesson on screen (#lessons/<id> in the address). */
import type { ComponentType, ReactNode } from 'react';
import type { LessonId } from '../../../../shared/lessons/workshop';
import { selectCurrentLesson } from '../../store/lessons-slice';
import { useLab } from '../../store/store-context';
import { DataPassingLesson } from './data-passing/data-passing-lesson';
import { DeadlockLesson } from './deadlock/deadlock-lesson';
import { HttpLesson } from './http-lesson';
import { ImageBatchLesson } from './image-batch-lesson';
import { LessonNav } from './lesson-nav';
import { OutgrowingLesson } from './outgrowing-one-machine/outgrowing-lesson';
import { PipelineLesson } from './pipeline/pipeline-lesson';
import { RaceConditionLesson } from './race-condition/race-condition-lesson';
import { TenFilesLesson } from './ten-files-lesson';
import { useLessonFragment } from './use-lesson-fragment';
import { WhichModelLesson } from './which-model-lesson';
import './lessons.css';
import './lesson-visuals.css';

/** Every lesson's screen, by id: a lesson without one fails to compile. */
export const LESSON_SCREENS: Readonly<Record<LessonId, ComponentType>> = {
  'ten-files': TenFilesLesson,
  'http-requests': HttpLesson,
  'image-batch': ImageBatchLesson,
  'race-condition': RaceConditionLesson,
  'data-passing': DataPassingLesson,
  pipeline: PipelineLesson,
  deadlock: DeadlockLesson,
  'outgrowing-one-machine': OutgrowingLesson,
  'which-model': WhichModelLesson,
};

/** The view. */
export function LessonsView(): ReactNode {
  useLessonFragment();
  const current = useLab(selectCurrentLesson);
  const Lesson = LESSON_SCREENS[current];
  return (
    <main className="lessons-main">
      <LessonNav />
      <Lesson key={current} />
    </main>
  );
}
