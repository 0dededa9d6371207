/** Which view's run the race panels (progress, throughput, lanes, results) show: the view that holds them says. */
import { createContext, useContext, type ReactNode } from 'react';
import type { RunSlot } from '../store/run-slots';

const RunSlotContext = createContext<RunSlot>('race');

/** Gives the panels inside it one view's run: the Race view's, the GIL lesson's, a run lesson's. */
export function RunSlotProvider({
  slot,
  children,
}: {
  readonly slot: RunSlot;
  readonly children: ReactNode;
}): ReactNode {
  return <RunSlotContext.Provider value={slot}>{children}</RunSlotContext.Provider>;
}

/** The slot of the view this panel is in. */
export function useRunSlot(): RunSlot {
  return useContext(RunSlotContext);
}
