import { hostAGame } from './hostPage';
import { expect, test } from '@playwright/test';

test('the saves view lists players and matches, and backs up and restores', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await hostAGame(page);
  await expect(page.getByTestId('scoreboard')).toBeVisible();
  // The host's player record and the match record are written before they are acknowledged,
  // so the saves view has them at once: no waiting for the write-behind sync.
  await page.getByRole('button', { name: 'Back to lobby' }).click();
  await page.getByRole('button', { name: 'Saves' }).click();

  const saves = page.getByTestId('saves-view');
  await expect(saves.getByRole('heading', { name: 'Saves' })).toBeVisible();
  await expect(page.getByTestId('saves-players')).toContainText('Host');
  await expect(page.getByTestId('saves-matches').locator('tbody tr')).not.toHaveCount(0);

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('saves-message')).toContainText('Backup written: arbiter-');
  const backup = page.getByTestId('saves-backups').locator('li').first();
  await expect(backup).toContainText(/arbiter-.*\.db/);
  await backup.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('saves-message')).toContainText('Restored arbiter-');
  await expect(page.getByTestId('saves-players')).toContainText('Host');
  await page.screenshot({ path: 'e2e/screenshots/saves.png' });
});
