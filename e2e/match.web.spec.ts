import { openHostUi } from './hostPage';
import { expect, test } from '@playwright/test';
import { distinctColours } from './canvasColours';
import { arenaThread, drawnAgents, drawnCount } from './testHook';

test('host a game in the browser: at least 50 agents are drawn and they move', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  await openHostUi(page);
  await expect(page.getByRole('heading', { name: 'Arbiter' })).toBeVisible();
  await page.getByRole('button', { name: 'Host a game' }).click();
  // Host a game opens the match settings screen; the match starts from there.
  await page.getByTestId('settings-start').click();

  const canvas = page.locator('canvas');
  await expect(canvas).toBeVisible();
  await page.getByTestId('agent-count').fill('60');
  await page.getByTestId('agent-count-apply').click();
  await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(50);
  // Drawn off the page's main thread, on an OffscreenCanvas in the arena worker.
  expect(await arenaThread(page)).toBe('worker');

  const before = await drawnAgents(page);
  expect(before.length).toBeGreaterThanOrEqual(50);
  const byId = new Map(before.map((agent) => [agent.id, agent]));
  // Software WebGL draws a few frames a second here: poll rather than sleep once.
  const movedCount = async () => {
    const after = await drawnAgents(page);
    return after.filter((agent) => {
      const old = byId.get(agent.id);
      return old && Math.hypot(agent.x - old.x, agent.y - old.y) > 0.5;
    }).length;
  };
  await expect.poll(movedCount, { timeout: 30_000 }).toBeGreaterThanOrEqual(25);

  await expect(page.getByTestId('stats-entities')).toContainText(/\d+/);
  await expect(page.getByTestId('stats-tick-rate')).toContainText('20');

  const shot = await canvas.screenshot();
  expect(await distinctColours(page, shot)).toBeGreaterThan(2);
  await page.screenshot({ path: 'e2e/screenshots/match.png' });
  expect(consoleErrors).toEqual([]);
});

test('the page runs under its strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/');
  const html = (await response?.text()) ?? '';
  await openHostUi(page);
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-eval');
  // An injected inline script must be refused by the policy, not run.
  const inlineRan = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) =>
      document.addEventListener(
        'securitypolicyviolation',
        (event) => resolve(event.violatedDirective),
        {
          once: true,
        },
      ),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    const directive = await violation;
    return {
      ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true,
      directive,
    };
  });
  expect(inlineRan).toEqual({ ran: false, directive: expect.stringMatching(/^script-src/) });
});

test('where no worker may draw, the page draws the arena itself', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  // What a browser without OffscreenCanvas gets: the page's own renderer.
  await page.addInitScript(() => {
    delete (HTMLCanvasElement.prototype as Partial<HTMLCanvasElement>).transferControlToOffscreen;
  });
  await openHostUi(page);
  await page.getByRole('button', { name: 'Host a game' }).click();
  await page.getByTestId('settings-start').click();
  await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await arenaThread(page)).toBe('page');
  const shot = await page.locator('canvas').screenshot();
  expect(await distinctColours(page, shot)).toBeGreaterThan(2);
  expect(consoleErrors).toEqual([]);
});
