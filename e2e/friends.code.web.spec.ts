import { expect, test, type Page } from '@playwright/test';
import { hostAGame } from './hostPage';
import './testHook';

const positionOf = (page: Page, id: number) =>
  page.evaluate((unit) => {
    const entity = window.__arbiterTest.entities().find((e) => e.id === unit);
    return entity ? { x: entity.x, y: entity.y } : null;
  }, id);

const ownUnit = (page: Page) => page.evaluate(() => window.__arbiterTest.ownUnitId);

test('a friend who cannot reach the host port joins by offer and answer codes alone', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await hostAGame(page);
  await expect(page.getByTestId('scoreboard')).toBeVisible();
  await expect.poll(() => ownUnit(page), { timeout: 20_000 }).not.toBeNull();
  const hostUnit = (await ownUnit(page))!;

  await page.getByTestId('invite-menu').click();

  await page.getByTestId('code-invite-button').click();
  await page.getByRole('button', { name: 'Make an offer code' }).click();
  const offerCode = await page.getByTestId('offer-code').inputValue();
  expect(offerCode).toMatch(/^ARBITER-OFFER-1\.[A-Za-z0-9_-]+$/);

  // The friend's page can load, but no WebSocket of theirs reaches the host: not /signal, not the API.
  const friendContext = await browser.newContext();
  const socketsTried: string[] = [];
  await friendContext.routeWebSocket(/.*/, (socket) => {
    socketsTried.push(socket.url());
    void socket.close({ code: 1008, reason: 'port unreachable in this test' });
  });
  const friend = await friendContext.newPage();
  await friend.goto('/');
  await friend.getByRole('button', { name: 'Join a game' }).click();
  // Wrapped by a chat program: line breaks inside the code are fine.
  await friend
    .getByTestId('invite-input')
    .fill(`${offerCode.slice(0, 60)}\n${offerCode.slice(60)}\n`);
  await friend.getByTestId('code-name').fill('Cy');
  await friend.getByRole('button', { name: 'Make my answer code' }).click();
  const answerCode = await friend.getByTestId('answer-code').inputValue({ timeout: 30_000 });
  expect(answerCode).toMatch(/^ARBITER-ANSWER-1\./);

  await page.getByTestId('answer-code-input').fill(answerCode);
  await page.getByTestId('answer-connect').click();
  await expect(page.getByTestId('code-invite-status')).toHaveText(/Cy joined as player \d+/, {
    timeout: 20_000,
  });

  await expect(friend.getByTestId('net-overlay')).toBeVisible({ timeout: 20_000 });
  await expect(friend.getByTestId('net-transport')).toHaveText('webrtc');
  await expect.poll(() => ownUnit(friend), { timeout: 20_000 }).not.toBeNull();
  const friendUnit = (await ownUnit(friend))!;
  await expect.poll(() => positionOf(page, friendUnit), { timeout: 30_000 }).not.toBeNull();
  await expect.poll(() => positionOf(friend, hostUnit), { timeout: 30_000 }).not.toBeNull();

  // The friend walks right: the host sees it.
  const before = (await positionOf(page, friendUnit))!;
  await friend.locator('[data-testid="arena"]').click({ position: { x: 5, y: 5 } });
  // Held until the host sees the friend move (the deadline only catches a hang).
  await friend.keyboard.down('KeyD');
  await expect
    .poll(async () => (await positionOf(page, friendUnit))!.x - before.x, { timeout: 30_000 })
    .toBeGreaterThan(30);
  await friend.keyboard.up('KeyD');
  expect(socketsTried.filter((url) => url.includes('/signal'))).toEqual([]);

  // The same answer again, on a new offer: refused, saying why. A damaged one too.
  await page.getByRole('button', { name: 'Make an offer code' }).click();
  await page.getByTestId('answer-code-input').fill(answerCode);
  await page.getByTestId('answer-connect').click();
  await expect(page.getByTestId('code-invite-error')).toContainText('already used');
  await page.getByTestId('answer-code-input').fill(answerCode.slice(0, 40));
  await page.getByTestId('answer-connect').click();
  await expect(page.getByTestId('code-invite-error')).toContainText('damaged or cut short');
  await friendContext.close();
});
