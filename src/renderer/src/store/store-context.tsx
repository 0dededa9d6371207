/**
 * Hands the store, the controllers and the frame meter to components; components select small,
 * stable values from the store.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ClusterController } from '../controller/cluster-controller';
import type { HistoryController } from '../controller/history-controller';
import type { JobController } from '../controller/job-controller';
import type { LabController } from '../controller/lab-controller';
import type { LessonController } from '../controller/lesson-controller';
import type { RoomController } from '../controller/room-controller';
import type { FrameMeter } from '../perf/frame-meter';
import type { LabState, LabStore } from './lab-store';

interface LabContextValue {
  readonly store: LabStore;
  readonly controller: LabController;
  readonly jobs: JobController;
  readonly history: HistoryController;
  readonly lessons: LessonController;
  readonly room: RoomController;
  readonly cluster: ClusterController;
  readonly frameMeter: FrameMeter;
}

const LabContext = createContext<LabContextValue | null>(null);

/** Makes the store, controllers and frame meter available below. */
export function LabProvider(props: LabContextValue & { readonly children: ReactNode }): ReactNode {
  const { store, controller, jobs, history, lessons, room, cluster, frameMeter, children } = props;
  const value = useMemo(
    () => ({ store, controller, jobs, history, lessons, room, cluster, frameMeter }),
    [store, controller, jobs, history, lessons, room, cluster, frameMeter],
  );
  return <LabContext value={value}>{children}</LabContext>;
}

function useLabContext(): LabContextValue {
  const value = useContext(LabContext);
  if (!value) throw new Error('LabProvider is missing above this component');
  return value;
}

/** Re-renders when the selected value changes (Object.is): select primitives or stable references. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabContext().store, selector);
}

/** The store itself, for imperative subscriptions (charts). */
export function useLabStore(): LabStore {
  return useLabContext().store;
}

/** The UI's intents. */
export function useController(): LabController {
  return useLabContext().controller;
}

/** The responsiveness lab's intents. */
export function useJobs(): JobController {
  return useLabContext().jobs;
}

/** The History view's intents. */
export function useHistoryController(): HistoryController {
  return useLabContext().history;
}

/** The lessons' intents. */
export function useLessons(): LessonController {
  return useLabContext().lessons;
}

/** The room's intents (follow again). */
export function useRoom(): RoomController {
  return useLabContext().room;
}

/** The cluster panel's intents. */
export function useCluster(): ClusterController {
  return useLabContext().cluster;
}

/** The page's frame meter, for views that follow every frame (imperatively, never by re-rendering). */
export function useFrameMeter(): FrameMeter {
  return useLabContext().frameMeter;
}
