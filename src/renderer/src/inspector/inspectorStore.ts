/**
 * The agent inspector's state: which agent this window follows, the newest
 * inspection the host sent of it, whether the camera follows it, and the
 * agents on screen to cycle through. Selecting asks the host
 * (`agent.inspect`); its `inspect` events fill `inspection`.
 */
import { create } from 'zustand';
import type { AgentInspection, HostClient } from '../../../shared/hostApi';
import { describeError } from '../describeError';
import { useArbiterStore } from '../store';

export interface InspectorState {
  agentId: number | null;
  inspection: AgentInspection | null;
  /** Keep the camera on the selected agent. */
  follow: boolean;
  /** Why the last selection failed, until the next one. */
  error: string | null;
  /** Live agents on screen now, by id (the arena view sets it). */
  listAgents: () => number[];
}

export const useInspectorStore = create<InspectorState>()(() => ({
  agentId: null,
  inspection: null,
  follow: false,
  error: null,
  listAgents: () => [],
}));

function client(): HostClient | null {
  return useArbiterStore.getState().client;
}

/** Follows `agentId` (null: nothing); a refusal is shown in the panel and selects nothing. */
export async function inspectAgent(agentId: number | null): Promise<void> {
  const host = client();
  const previous = useInspectorStore.getState().agentId;
  if (agentId === previous) return;
  useInspectorStore.setState({
    agentId,
    inspection: null,
    error: null,
    ...(agentId === null ? { follow: false } : {}),
  });
  if (!host) return;
  try {
    await host.request('agent.inspect', { agentId });
  } catch (error) {
    if (useInspectorStore.getState().agentId !== agentId) return;
    useInspectorStore.setState({ agentId: null, follow: false, error: describeError(error) });
  }
}

/** The next (`step` 1) or previous (-1) agent on screen, by id, from the selected one. */
export function cycleAgent(step: 1 | -1): void {
  const { agentId, listAgents } = useInspectorStore.getState();
  const ids = listAgents().sort((a, b) => a - b);
  if (ids.length === 0) return;
  const at = agentId === null ? -1 : ids.indexOf(agentId);
  const next =
    at < 0
      ? step > 0
        ? (ids.find((id) => agentId === null || id > agentId) ?? ids[0])
        : ids[ids.length - 1]
      : ids[(at + step + ids.length) % ids.length];
  void inspectAgent(next);
}

/** Listens to `host`'s `inspect` events for as long as the returned function is not called. */
export function listenToInspections(host: HostClient): () => void {
  return host.on('inspect', (inspection) => {
    if (inspection.agentId !== useInspectorStore.getState().agentId) return;
    useInspectorStore.setState({ inspection });
  });
}
