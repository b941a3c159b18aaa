import { create } from 'zustand';
import type {
  HostClient,
  MatchState,
  ScoreboardData,
  ServerInfo,
  Stats,
} from '../../shared/hostApi';
import type { TransportKind } from './hostConnection';
import type { FriendConnection } from './net/friendConnection';

/** `guest`: a page opened without the host link (no key): it can only join as a friend. */
export type ConnectionStatus = 'connecting' | 'connected' | 'failed' | 'guest';

export type Screen = 'lobby' | 'settings' | 'game' | 'saves';

export interface ArbiterState {
  connection: ConnectionStatus;
  client: HostClient | null;
  transport: TransportKind | null;
  serverInfo: ServerInfo | null;
  /** The host's match as last reported (server.info, a request's result or a `match` event). */
  match: MatchState | null;
  /** Latest `stats` event; null until the game view subscribes. */
  stats: Stats | null;
  /** Latest scoreboard; null until the game view subscribes. */
  scoreboard: ScoreboardData | null;
  /** Frames per second the arena view draws at, updated about twice a second. */
  rendererFps: number;
  screen: Screen;
  /** Why the host cannot be reached, while connection is 'failed'. */
  connectionError: string | null;
  /** The last failed request, in words, until the user dismisses it. */
  error: string | null;
  /** Persistence trouble reported by the host (disk full, read-only folder), or null. */
  storageWarning: string | null;
  /** The avatar this window plays, once it joined the match. */
  ownUnitId: number | null;
  /** A match joined as a friend through copy-paste codes, while it lasts. */
  friendConnection: FriendConnection | null;
}

/** The UI's one store. Actions that talk to the host live in hostActions.ts. */
export const useArbiterStore = create<ArbiterState>()(() => ({
  connection: 'connecting',
  client: null,
  transport: null,
  serverInfo: null,
  match: null,
  stats: null,
  scoreboard: null,
  rendererFps: 0,
  screen: 'lobby',
  connectionError: null,
  error: null,
  storageWarning: null,
  ownUnitId: null,
  friendConnection: null,
}));
