/** The one store of the UI, combined from one slice per concern; charts subscribe to it imperatively. */
import { createStore, type StateCreator } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import { createCatalogSlice, type CatalogSlice } from './catalog-slice';
import { createClusterSlice, type ClusterSlice } from './cluster-slice';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createGilLessonSlice, type GilLessonSlice } from './gil-lesson-slice';
import { createHeartbeatSlice, type HeartbeatSlice } from './heartbeat-slice';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createHistoryViewSlice, type HistoryViewSlice } from './history-view-slice';
import { createLessonsSlice, type LessonsSlice } from './lessons-slice';
import { createPresenterSlice, type PresenterSlice } from './presenter-slice';
import { createResponsivenessSlice, type ResponsivenessSlice } from './responsiveness-slice';
import { createRoomSlice, type RoomSlice } from './room-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createSetupSlice, type SetupSlice } from './setup-slice';
import { createSystemSlice, type SystemSlice } from './system-slice';
import { createViewSlice, type ViewSlice } from './view-slice';

/** Everything the UI knows, and the events that change it. */
export type LabState = CatalogSlice &
  SetupSlice &
  RunSlice &
  HistorySlice &
  HistoryViewSlice &
  SystemSlice &
  ConnectionSlice &
  ViewSlice &
  HeartbeatSlice &
  ResponsivenessSlice &
  GilLessonSlice &
  LessonsSlice &
  PresenterSlice &
  RoomSlice &
  ClusterSlice;

/** How each slice is written: it sees the whole state, and may answer an event in another slice's part. */
export type LabSliceCreator<Slice> = StateCreator<
  LabState,
  [['zustand/subscribeWithSelector', never]],
  [],
  Slice
>;

/** A new store, empty until the catalogue arrives. */
export function createLabStore() {
  return createStore<LabState>()(
    subscribeWithSelector((...args) => ({
      ...createCatalogSlice(...args),
      ...createSetupSlice(...args),
      ...createRunSlice(...args),
      ...createHistorySlice(...args),
      ...createHistoryViewSlice(...args),
      ...createSystemSlice(...args),
      ...createConnectionSlice(...args),
      ...createViewSlice(...args),
      ...createHeartbeatSlice(...args),
      ...createResponsivenessSlice(...args),
      ...createGilLessonSlice(...args),
      ...createLessonsSlice(...args),
      ...createPresenterSlice(...args),
      ...createRoomSlice(...args),
      ...createClusterSlice(...args),
    })),
  );
}

/** The store's API: getState, setState, and subscribe with a selector. */
export type LabStore = ReturnType<typeof createLabStore>;
