import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseItemsFile, type ItemsFile } from '../../../shared/gameConfig';

/** Reads and validates resources/items.json; throws an Error that says what is wrong. */
export async function loadItems(resourcesDir: string): Promise<ItemsFile> {
  const file = join(resourcesDir, 'items.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseItemsFile(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
