/** The app's views, in navigation order: adding a view (a workshop lesson) is one entry in VIEWS. */
import type { ComponentType } from 'react';
import { ClusterView } from './features/cluster/cluster-view';
import { GilLessonView } from './features/gil-lesson/gil-lesson-view';
import { HistoryView } from './features/history-view/history-view';
import { LessonsView } from './features/lessons/lessons-view';
import { RaceScreen } from './features/race/race-screen';
import { ResponsivenessView } from './features/responsiveness/responsiveness-view';

/** One view: its id (also the address's #fragment), its name in the navigation, and its screen. */
export interface LabView {
  readonly id: string;
  readonly label: string;
  /** Renders the view's <main>. */
  readonly Screen: ComponentType;
}

/** Every view; the first is shown on start. */
export const VIEWS: readonly LabView[] = [
  { id: 'race', label: 'Race', Screen: RaceScreen },
  { id: 'responsiveness', label: 'Responsiveness', Screen: ResponsivenessView },
  { id: 'gil-lesson', label: 'GIL lesson', Screen: GilLessonView },
  { id: 'lessons', label: 'Lessons', Screen: LessonsView },
  { id: 'history', label: 'History', Screen: HistoryView },
  { id: 'cluster', label: 'Cluster', Screen: ClusterView },
];

/** The view with this id, or the first one. */
export function viewById(id: string): LabView {
  return VIEWS.find((view) => view.id === id) ?? VIEWS[0]!;
}
