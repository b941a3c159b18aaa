import { create } from 'zustand';
import type { HostClient, MatchState, ServerInfo, Stats } from '../../shared/hostApi';
import type { TransportKind } from './hostConnection';

export type ConnectionStatus = 'connecting' | 'connected' | 'failed';

export type Screen = 'lobby' | 'game';

export interface ArbiterState {
  connection: ConnectionStatus;
  client: HostClient | null;
  transport: TransportKind | null;
  serverInfo: ServerInfo | null;
  /** The host's match as last reported (server.info, a request's result or a `match` event). */
  match: MatchState | null;
  /** Latest `stats` event; null until the game view subscribes. */
  stats: Stats | null;
  /** Frames per second the arena view draws at, updated about twice a second. */
  rendererFps: number;
  screen: Screen;
  /** Why the host cannot be reached, while connection is 'failed'. */
  connectionError: string | null;
  /** The last failed request, in words, until the user dismisses it. */
  error: string | null;
}

/** The UI's one store. Actions that talk to the host live in hostActions.ts. */
export const useArbiterStore = create<ArbiterState>()(() => ({
  connection: 'connecting',
  client: null,
  transport: null,
  serverInfo: null,
  match: null,
  stats: null,
  rendererFps: 0,
  screen: 'lobby',
  connectionError: null,
  error: null,
}));
