import { expect, test, type Browser, type Page } from '@playwright/test';
import { hostAGame, openHostUi } from './hostPage';
import './testHook';

const SHOTS = 'e2e/screenshots';
const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1024x700', width: 1024, height: 700 },
] as const;

/** A friend opening an invite link in a browser of their own, joined as `name`. */
async function inviteFriend(host: Page, browser: Browser, name: string) {
  await host.getByTestId('invite-menu').click();
  await host.getByTestId('invite-button').click();
  await expect(host.getByTestId('toast')).toContainText('Invite link');
  const link = await host.getByTestId('toast-detail').inputValue();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByTestId('friend-name').fill(name);
  await page.getByRole('button', { name: 'Join the match' }).click();
  await expect(page.getByTestId('net-overlay')).toBeVisible({ timeout: 20_000 });
  return { page, context, link, code: link.slice(link.indexOf('#invite=') + 8) };
}

/** The dashboard row of the player called `name`. */
const playerRow = (host: Page, name: string) =>
  host.getByTestId('players').locator('tbody tr', { hasText: name });

const shot = (page: Page, size: string, what: string) =>
  page.screenshot({ path: `${SHOTS}/host-${size}-${what}.png` });

for (const size of SIZES) {
  test(`host at ${size.name}: sets up a match, runs it from the dashboard, kicks, bans and revokes`, async ({
    browser,
  }) => {
    // A hang-catcher: two friends over WebRTC and a dozen host actions take minutes on a busy machine.
    test.setTimeout(480_000);
    const context = await browser.newContext({
      viewport: { width: size.width, height: size.height },
    });
    const page = await context.newPage();
    await openHostUi(page);
    await page.getByRole('button', { name: 'Host a game' }).click();
    await expect(page.getByTestId('settings-screen')).toBeVisible();
    await expect(page.getByTestId('team-behavior-1').locator('option')).not.toHaveCount(1);
    await shot(page, size.name, '1-settings');

    // Out of range: the message stands beside the field and the match cannot start.
    await page.getByTestId('settings-tickRate').fill('500');
    await expect(page.getByTestId('error-tickRate')).toHaveText(
      'tickRate (ticks per second) must be at most 60',
    );
    await page.getByTestId('settings-respawnSeconds').fill('');
    await expect(page.getByTestId('error-respawnSeconds')).toContainText('must be a number');
    await expect(page.getByTestId('settings-start')).toBeDisabled();
    await shot(page, size.name, '2-settings-invalid');

    // A match of our own: 30 Hz, 3 bots a team, two minutes, Blue runs a library behavior.
    await page.getByTestId('settings-tickRate').fill('30');
    await page.getByTestId('settings-respawnSeconds').fill('2');
    await page.getByTestId('settings-botsPerTeam').fill('3');
    await page.getByTestId('settings-matchSeconds').fill('120');
    const behavior = await page.getByTestId('team-behavior-1').locator('option').nth(1);
    const behaviorId = (await behavior.getAttribute('value'))!;
    await page.getByTestId('team-behavior-1').selectOption(behaviorId);
    await page.getByTestId('settings-start').click();

    // The arena runs what was set.
    await expect(page.getByTestId('scoreboard')).toBeVisible();
    await expect(page.getByTestId('stats-tick-rate')).toHaveAttribute('data-configured', '30', {
      timeout: 20_000,
    });
    const board = () => page.evaluate(() => window.__arbiterTest.scoreboard);
    await expect
      .poll(async () => (await board())?.teams.map((team) => team.bots), { timeout: 20_000 })
      .toEqual([3, 3]);
    expect((await board())!.secondsLeft).toBeLessThanOrEqual(120);
    await expect
      .poll(() => page.evaluate(() => window.__arbiterTest.behaviors?.teams['1'] ?? null), {
        timeout: 20_000,
      })
      .toBe(behaviorId);
    await shot(page, size.name, '3-arena');

    // The dashboard: players, invites, charts that move.
    await page.getByTestId('open-dashboard').click();
    await expect(page.getByTestId('dashboard')).toBeVisible();
    await expect(playerRow(page, 'Host')).toContainText('this window');
    // Panels over the arena fold while the arena is narrow, and open on a click.
    const behaviors = page.getByTestId('behavior-toggle');
    const folds = size.width < 1440;
    await expect(behaviors).toHaveAttribute('aria-expanded', String(!folds));
    await expect(page.getByTestId('behavior-team-0')).toBeVisible({ visible: !folds });
    if (folds) {
      await behaviors.click();
      await expect(page.getByTestId('behavior-team-0')).toBeVisible();
      await behaviors.click();
      await expect(page.getByTestId('behavior-team-0')).toBeHidden();
    }
    const points = () => page.getByTestId('chart-tick').getAttribute('data-points');
    await expect.poll(async () => Number(await points()), { timeout: 20_000 }).toBeGreaterThan(2);
    const before = Number(await points());
    await expect
      .poll(async () => Number(await points()), { timeout: 20_000 })
      .toBeGreaterThan(before);
    await expect(page.getByTestId('chart-tick').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('chart-bandwidth').locator('canvas')).toBeVisible();
    await shot(page, size.name, '4-dashboard');

    // Kick: the friend is gone from the list and told why; their token no longer joins.
    const ada = await inviteFriend(page, browser, `Ada-${size.width}`);
    await expect(playerRow(page, `Ada-${size.width}`)).toContainText(/WebRTC|WebSocket/, {
      timeout: 20_000,
    });
    await expect(page.getByTestId(`invite-row-${ada.code}`)).toContainText('used 1');
    await shot(page, size.name, '5-dashboard-friend');
    const adaRow = playerRow(page, `Ada-${size.width}`);
    await adaRow.getByRole('button', { name: 'Kick' }).click();
    await shot(page, size.name, '6-kick-confirm');
    await adaRow.getByRole('button', { name: 'Kick' }).click();
    await expect(page.getByTestId('toast')).toContainText('was kicked');
    await expect(adaRow).toHaveCount(0, { timeout: 30_000 });
    await expect(ada.page.getByTestId('friend-status')).toHaveText(
      'Disconnected: kicked by the host',
      { timeout: 30_000 },
    );

    // Ban: gone at once, refused when they try again, listed for unban.
    const bo = await inviteFriend(page, browser, `Bo-${size.width}`);
    const boRow = playerRow(page, `Bo-${size.width}`);
    await expect(boRow).toBeVisible({ timeout: 20_000 });
    await boRow.getByRole('button', { name: 'Ban' }).click();
    await boRow.getByRole('button', { name: 'Ban' }).click();
    await expect(boRow).toHaveCount(0, { timeout: 30_000 });
    await expect(bo.page.getByTestId('friend-status')).toHaveText(
      'Disconnected: banned by the host',
      { timeout: 30_000 },
    );
    await bo.page.getByRole('button', { name: 'Join the match' }).click();
    await expect(bo.page.getByTestId('friend-status')).toContainText('banned', {
      timeout: 10_000,
    });
    await expect(page.getByTestId('banned')).toContainText(`Bo-${size.width}`);
    await shot(page, size.name, '7-banned');
    await page
      .getByTestId('banned')
      .locator('li', { hasText: `Bo-${size.width}` })
      .getByRole('button', { name: 'Unban' })
      .click();
    await expect(page.getByTestId('toast')).toContainText('no longer banned');

    // Revoke: an open invite, then one a friend already used (said in words).
    await page.getByTestId('invite-menu').click();
    await page.getByTestId('invite-button').click();
    const fresh = await page.getByTestId('toast-detail').inputValue();
    const freshCode = fresh.slice(fresh.indexOf('#invite=') + 8);
    await page.getByTestId(`revoke-${freshCode}`).click();
    await expect(page.getByTestId(`invite-state-${freshCode}`)).toHaveText('revoked');
    await expect(page.getByTestId('toast')).toContainText('is revoked');
    await page.getByTestId(`revoke-${bo.code}`).click();
    await expect(page.getByTestId('toast')).toContainText('who joined with it stay');
    await shot(page, size.name, '8-revoked');

    // Stop → Start keeps the settings and what each team runs.
    await page.getByRole('button', { name: 'Stop match' }).click();
    await page.getByRole('button', { name: 'Start match' }).click();
    await expect(page.getByTestId('stats-tick-rate')).toHaveAttribute('data-configured', '30', {
      timeout: 20_000,
    });
    await expect
      .poll(async () => (await board())?.teams.map((team) => team.bots), { timeout: 20_000 })
      .toEqual([3, 3]);
    await expect
      .poll(() => page.evaluate(() => window.__arbiterTest.behaviors?.teams['1'] ?? null), {
        timeout: 20_000,
      })
      .toBe(behaviorId);

    // The settings screen of a running match says what applies now and what needs a restart.
    await page.getByTestId('open-settings').click();
    await expect(page.getByTestId('live-note')).toBeVisible();
    await page.getByTestId('settings-botsPerTeam').fill('2');
    await page.getByTestId('settings-damageScale').fill('2');
    await expect(page.getByTestId('match-settings').getByText('applies now').first()).toBeVisible();
    await expect(page.getByTestId('match-settings').getByText('needs a restart')).toBeVisible();
    await shot(page, size.name, '9-settings-live');
    await page.getByTestId('settings-apply').click();
    await expect(page.getByTestId('toast')).toContainText('Applied');
    await page.getByTestId('settings-back').click();
    await expect
      .poll(async () => (await board())?.teams.map((team) => team.bots), { timeout: 20_000 })
      .toEqual([2, 2]);
    await ada.context.close();
    await bo.context.close();
    await context.close();
  });
}

/** The friend's app answers the host's offer code; the host pastes the answer back. */
async function joinByCode(host: Page, friend: Page, name: string) {
  await host.getByRole('button', { name: /offer code/ }).click();
  const offerCode = await host.getByTestId('offer-code').inputValue();
  await friend.goto('/');
  await friend.getByRole('button', { name: 'Join a game' }).click();
  await friend.getByTestId('invite-input').fill(offerCode);
  await friend.getByTestId('code-name').fill(name);
  await friend.getByRole('button', { name: 'Make my answer code' }).click();
  const answerCode = await friend.getByTestId('answer-code').inputValue({ timeout: 30_000 });
  await host.getByTestId('answer-code-input').fill(answerCode);
  await host.getByTestId('answer-connect').click();
  await expect(host.getByTestId('code-invite-status')).toContainText(`${name} joined`, {
    timeout: 30_000,
  });
  await expect(friend.getByTestId('net-overlay')).toBeVisible({ timeout: 60_000 });
  await expect
    .poll(() => friend.evaluate(() => window.__arbiterTest.ownUnitId), { timeout: 60_000 })
    .not.toBeNull();
  return (await friend.evaluate(() => window.__arbiterTest.ownUnitId))!;
}

for (const size of SIZES) {
  test(`host at ${size.name}: a friend who joined by code drops and comes back as themselves`, async ({
    browser,
  }) => {
    test.setTimeout(360_000);
    const context = await browser.newContext({
      viewport: { width: size.width, height: size.height },
    });
    const page = await context.newPage();
    await hostAGame(page);
    await expect(page.getByTestId('scoreboard')).toBeVisible();
    await page.getByTestId('open-dashboard').click();
    await page.getByTestId('invite-menu').click();
    await page.getByTestId('code-invite-button').click();

    const name = `Cy-${size.width}`;
    const friendContext = await browser.newContext();
    const first = await friendContext.newPage();
    const unitId = await joinByCode(page, first, name);
    const row = playerRow(page, name);
    await expect(row).toContainText('WebRTC', { timeout: 20_000 });

    // The friend's app closes: the dashboard shows them reconnecting, their avatar waits.
    await first.close();
    await expect(row).toContainText('reconnecting', { timeout: 30_000 });
    await shot(page, size.name, '10-code-friend-reconnecting');

    // Back through a new offer code, with the token their app kept: the same avatar.
    const back = await friendContext.newPage();
    const backUnit = await joinByCode(page, back, name).finally(() =>
      back.screenshot({ path: `${SHOTS}/friend-${size.name}-code-back.png` }),
    );
    expect(backUnit).toBe(unitId);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('WebRTC', { timeout: 20_000 });
    await shot(page, size.name, '11-code-friend-back');
    await friendContext.close();
    await context.close();
  });
}
