/** Hands the store and the controller to components; components select small, stable values from the store. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LabController } from '../controller/lab-controller';
import type { LabState, LabStore } from './lab-store';

interface LabContextValue {
  readonly store: LabStore;
  readonly controller: LabController;
}

const LabContext = createContext<LabContextValue | null>(null);

/** Makes the store and controller available below. */
export function LabProvider(props: LabContextValue & { readonly children: ReactNode }): ReactNode {
  const { store, controller, children } = props;
  return <LabContext value={{ store, controller }}>{children}</LabContext>;
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
