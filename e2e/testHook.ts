import type { Page } from '@playwright/test';

export interface DrawnAgent {
  id: number;
  x: number;
  y: number;
}

/** What the page exposes for tests (src/renderer/src/testHook.ts). */
export function drawnAgents(page: Page): Promise<DrawnAgent[]> {
  return page.evaluate(() => window.__arbiterTest?.agents() ?? []);
}

export function drawnCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__arbiterTest?.drawn ?? 0);
}

export interface DrawnEntity extends DrawnAgent {
  kind: number;
  team: number;
  hp: number;
  alive: boolean;
}

interface TeamLine {
  team: number;
  name: string;
  kills: number;
  deaths: number;
  damage: number;
}

declare global {
  interface Window {
    __arbiterTest: {
      frames: number;
      drawn: number;
      agents(): DrawnAgent[];
      entities(): DrawnEntity[];
      scoreboard: { phase: string; teams: TeamLine[] } | null;
      ownUnitId: number | null;
      transport: string;
      editor:
        | (() => {
            code: string;
            firstTextShownAt: number | null;
            state: string | null;
            shown: string | null;
          })
        | null;
    };
  }
}
