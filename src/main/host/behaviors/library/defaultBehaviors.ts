/**
 * The behaviors shipped in resources/behaviors/: a manifest (index.json)
 * naming each one's file, name, description, tags and complexity. Loaded
 * into the library on first start, under the author "arbiter".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BEHAVIOR_COMPLEXITIES, type BehaviorRecord, type BehaviorStore } from './library';

/** Author of the shipped behaviors. */
export const DEFAULT_BEHAVIOR_AUTHOR = 'arbiter';

const manifestSchema = z.object({
  version: z.literal(1),
  behaviors: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        name: z.string().min(1),
        file: z.string().regex(/^[a-z0-9-]+\.(js|ts)$/),
        description: z.string(),
        tags: z.array(z.string()),
        complexity: z.enum(BEHAVIOR_COMPLEXITIES),
      }),
    )
    .min(1),
});

export interface DefaultBehavior {
  id: string;
  name: string;
  description: string;
  tags: string[];
  complexity: (typeof BEHAVIOR_COMPLEXITIES)[number];
  language: 'javascript' | 'typescript';
  code: string;
}

/** Reads the manifest and every behavior file under `resourcesDir`/behaviors. Throws on a bad manifest. */
export function loadDefaultBehaviors(resourcesDir: string): DefaultBehavior[] {
  const dir = join(resourcesDir, 'behaviors');
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')));
  return manifest.behaviors.map((entry) => ({
    id: entry.id,
    name: entry.name,
    description: entry.description,
    tags: entry.tags,
    complexity: entry.complexity,
    language: entry.file.endsWith('.ts') ? 'typescript' : 'javascript',
    code: readFileSync(join(dir, entry.file), 'utf8'),
  }));
}

/** Adds each default behavior the store does not have yet (by id); returns the ones added. */
export async function seedLibrary(
  store: BehaviorStore,
  defaults: readonly DefaultBehavior[],
): Promise<BehaviorRecord[]> {
  const added: BehaviorRecord[] = [];
  for (const behavior of defaults) {
    if (await store.get(behavior.id)) continue;
    const { id, ...input } = behavior;
    added.push(await store.create({ ...input, author: DEFAULT_BEHAVIOR_AUTHOR }, id));
  }
  return added;
}
