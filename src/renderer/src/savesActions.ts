import type { Saves } from '../../shared/hostApi';
import { describeError } from './describeError';
import { useArbiterStore } from './store';

/** Runs a saves request; returns the error text instead of throwing. */
async function run<T>(request: () => Promise<T>): Promise<{ value?: T; error?: string }> {
  try {
    return { value: await request() };
  } catch (error) {
    return { error: describeError(error) };
  }
}

function client() {
  const current = useArbiterStore.getState().client;
  if (!current) throw new Error('not connected to the host');
  return current;
}

export const loadSaves = () => run<Saves>(() => client().request('saves.list', {}));
export const backupNow = () => run(() => client().request('saves.backup', {}));
export const restoreBackup = (name: string) =>
  run<Saves>(() => client().request('saves.restore', { name }));
