import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mapSchema, type MapDef } from '../../../shared/hostApi';
import { formatIssues } from '../../../shared/rpcProtocol';

/** Reads and validates `resources/maps/<name>.json`; throws an Error that says what is wrong. */
export async function loadMap(resourcesDir: string, name: string): Promise<MapDef> {
  if (!/^[a-z0-9_-]{1,64}$/.test(name)) throw new Error(`map name "${name}" is not valid`);
  const file = join(resourcesDir, 'maps', `${name}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`map "${name}" not found (looked for ${file})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`map "${name}" is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = mapSchema.safeParse(json);
  if (!parsed.success) throw new Error(`map "${name}" is invalid: ${formatIssues(parsed.error)}`);
  return parsed.data;
}
