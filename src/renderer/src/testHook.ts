import type { BehaviorsEvent, ScoreboardData, WorldFrame } from '../../shared/hostApi';
import type { DrawnEntity } from './game/arenaRenderer';

/**
 * What the end-to-end tests read from the page. Installed in every build:
 * Playwright drives the same bundle users get, and the hook holds only
 * counters and positions the page already shows.
 */
export interface ArbiterTestHook {
  /** World frames received since the page loaded. */
  frames: number;
  /** Live units (avatars and agents) drawn in the last rendered frame. */
  drawn: number;
  /** World positions (world units) of the live units currently drawn. */
  agents(): Array<{ id: number; x: number; y: number }>;
  /** Every entity currently drawn: units (alive or waiting to respawn), projectiles, items. */
  entities(): DrawnEntity[];
  /** Tick of the newest world frame received (0 before the first). */
  tick: number;
  /** The newest world frame as received (exact positions, not interpolated), or null. */
  lastFrame: WorldFrame | null;
  /** The newest behaviors event (per behavior and per agent), or null. */
  behaviors: BehaviorsEvent | null;
  /** The newest scoreboard the host sent, or null. */
  scoreboard: ScoreboardData | null;
  /** The avatar this page plays, or null. */
  ownUnitId: number | null;
  /** 'electron-ipc', 'websocket', or 'none' before the host is reached. */
  transport: string;
  /** The behavior editor's buffer and generation, once it has opened (null before). */
  editor:
    | (() => {
        code: string;
        firstTextShownAt: number | null;
        state: string | null;
        shown: string | null;
      })
    | null;
}

declare global {
  interface Window {
    __arbiterTest: ArbiterTestHook;
  }
}

export const testHook: ArbiterTestHook = {
  frames: 0,
  drawn: 0,
  agents: () => [],
  entities: () => [],
  tick: 0,
  lastFrame: null,
  behaviors: null,
  scoreboard: null,
  ownUnitId: null,
  transport: 'none',
  editor: null,
};

window.__arbiterTest = testHook;
