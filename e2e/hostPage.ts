import type { Page } from '@playwright/test';
import { E2E_HOST_KEY } from '../playwright.config';

/** Opens the host's own UI: the key in the fragment grants host control. */
export async function openHostUi(page: Page): Promise<void> {
  await page.goto(`/#host=${E2E_HOST_KEY}`);
}
