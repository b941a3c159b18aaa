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

declare global {
  interface Window {
    __arbiterTest?: { frames: number; drawn: number; agents(): DrawnAgent[]; transport: string };
  }
}
