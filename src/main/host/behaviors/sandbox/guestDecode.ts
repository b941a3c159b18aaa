/**
 * The guest's observation decoder, generated per behavior. Copying every
 * field of every agent's record into the reused observation objects was
 * two thirds of a batch's time in QuickJS (an interpreter: each property
 * store costs tens of nanoseconds, and an agent sees ten entities of ten
 * fields each). So the decoder copies eagerly only the fields whose names
 * the behavior's source mentions; every other field is a getter that reads
 * the packed record when (if ever) it is read, so a behavior reaching a
 * field by a computed name still sees the right value. Writes to a lazy
 * field are ignored: observations are read-only views (api.ts).
 *
 * The generated code runs inside the prelude (guestPrelude.ts) and uses
 * its names: `F` (this batch's doubles, local to `run`), `Fc` (the same,
 * for getters), `o` (the agent's record offset), `at` (`o`, for getters),
 * `items`/`itemCount`, the reused objects and their pools.
 */
import {
  AGENT_HEADER,
  A_AIM_X,
  A_AIM_Y,
  A_ARMOR,
  A_FIRE_COOLDOWN,
  A_HP,
  A_ID,
  A_INVENTORY_COUNT,
  A_MAX_HP,
  A_PERCEPTION,
  A_RADIUS,
  A_RANGE,
  A_SEEN_COUNT,
  A_SPEED,
  A_TEAM,
  A_TRINKET,
  A_VX,
  A_VY,
  A_WALL_COUNT,
  A_WEAPON,
  A_X,
  A_Y,
  INVENTORY_STRIDE,
  SEEN_STRIDE,
  S_DISTANCE,
  S_HP,
  S_ID,
  S_ITEM,
  S_KIND,
  S_TEAM,
  S_VX,
  S_VY,
  S_X,
  S_Y,
  WALL_STRIDE,
} from '../../../../../engine/behavior/index';

/** How a field's double becomes its value: as is, an unsigned id, a kind name, an item id. */
export type FieldKind = 'number' | 'id' | 'kind' | 'item';

export const SELF_FIELDS: readonly [string, number, FieldKind][] = [
  ['id', A_ID, 'id'],
  ['team', A_TEAM, 'number'],
  ['x', A_X, 'number'],
  ['y', A_Y, 'number'],
  ['vx', A_VX, 'number'],
  ['vy', A_VY, 'number'],
  ['hp', A_HP, 'number'],
  ['maxHp', A_MAX_HP, 'number'],
  ['radius', A_RADIUS, 'number'],
  ['speed', A_SPEED, 'number'],
  ['perception', A_PERCEPTION, 'number'],
  ['range', A_RANGE, 'number'],
  ['aimX', A_AIM_X, 'number'],
  ['aimY', A_AIM_Y, 'number'],
];

export const SEEN_FIELDS: readonly [string, number, FieldKind][] = [
  ['id', S_ID, 'number'],
  ['kind', S_KIND, 'kind'],
  ['team', S_TEAM, 'number'],
  ['x', S_X, 'number'],
  ['y', S_Y, 'number'],
  ['vx', S_VX, 'number'],
  ['vy', S_VY, 'number'],
  ['hp', S_HP, 'number'],
  ['item', S_ITEM, 'item'],
  ['distance', S_DISTANCE, 'number'],
];

/** Parts of an observation decoded as a whole when their name is mentioned. */
const PARTS = ['cooldowns', 'equipment', 'inventory', 'walls'] as const;

/**
 * Every identifier-like word in `code` (names in comments and strings
 * included: a false mention only makes a field eager).
 */
export function mentionedNames(code: string): Set<string> {
  return new Set(code.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

/** The value of a field of kind `kind` stored at `F[index]`. */
function valueOf(F: string, index: string, kind: FieldKind): string {
  switch (kind) {
    case 'id':
      // Ids below 2^31 become QuickJS ints: cheaper Map keys than doubles.
      return `${F}[${index}] >>> 0`;
    case 'kind':
      return `C.KINDS[${F}[${index}] | 0]`;
    case 'item':
      return `item(${F}[${index}] | 0)`;
    default:
      return `${F}[${index}]`;
  }
}

/** Prelude code: the reused observation objects, with getters for the lazy fields. */
export interface DecoderSource {
  /** Declarations at the prelude's top level (after `items`, `item` and `Fc`/`at` exist). */
  setup: string;
  /** Declarations at the top of `run`: closure variables the loop uses, as locals (cheaper in QuickJS). */
  locals: string;
  /** Statements in `run`'s agent loop, with `o` at the agent's record. */
  perAgent: string;
}

const cache = new Map<string, DecoderSource>();

/**
 * The decoder for a behavior whose source mentions `mentioned` (null:
 * every field eager, the plain decoder).
 */
export function decoderSource(mentioned: ReadonlySet<string> | null): DecoderSource {
  const eager = (name: string) => mentioned === null || mentioned.has(name);
  const key = [...SELF_FIELDS, ...SEEN_FIELDS]
    .map(([name]) => name)
    .concat(PARTS)
    .map((name) => (eager(name) ? 1 : 0))
    .join('');
  let source = cache.get(key);
  if (!source) {
    source = buildDecoder(eager);
    cache.set(key, source);
  }
  return source;
}

function buildDecoder(eager: (name: string) => boolean): DecoderSource {
  const lazyGetter = (name: string, body: string) =>
    `ObjectRef.defineProperty(OBJ, '${name}', { get: function () { ${body} }, set: ignore, enumerable: true });`;
  // Where agent `at`'s seen entity `j` starts, for lazy getters.
  const seenBase = `at + ${AGENT_HEADER} + ${INVENTORY_STRIDE} * (Fc[at + ${A_INVENTORY_COUNT}] | 0) + ${SEEN_STRIDE} * j`;
  const setup: string[] = [
    'function ignore() {}',
    `const cooldowns = { fire: 0 };`,
    `const equipment = { weapon: null, armor: null, trinket: null };`,
    `const inventory = [];`,
    `const invPool = [];`,
    `const nearby = [];`,
    `const seenPool = [];`,
    `const walls = [];`,
    `const wallPool = [];`,
    `const self = { ${SELF_FIELDS.map(([n]) => `${n}: 0`).join(', ')}, cooldowns: cooldowns, equipment: equipment, inventory: inventory };`,
    `const obs = { tick: 0, tickRate: 0, ticksLeft: -1, self: self, nearby: nearby, walls: walls };`,
    `function decodeCooldowns(o) { cooldowns.fire = Fc[o + ${A_FIRE_COOLDOWN}]; return cooldowns; }`,
    `function decodeEquipment(o) { equipment.weapon = item(Fc[o + ${A_WEAPON}] | 0); equipment.armor = item(Fc[o + ${A_ARMOR}] | 0); equipment.trinket = item(Fc[o + ${A_TRINKET}] | 0); return equipment; }`,
    `function decodeInventory(o) {
  const k = Fc[o + ${A_INVENTORY_COUNT}] | 0;
  let p = o + ${AGENT_HEADER};
  for (let j = 0; j < k; j++, p += ${INVENTORY_STRIDE}) {
    let s = invPool[j];
    if (s === undefined) s = invPool[j] = { slot: 0, item: '', count: 0 };
    s.slot = Fc[p]; s.item = item(Fc[p + 1] | 0); s.count = Fc[p + 2];
    inventory[j] = s;
  }
  inventory.length = k;
  return inventory;
}`,
    `function decodeWalls(o) {
  const w = Fc[o + ${A_WALL_COUNT}] | 0;
  let p = o + ${AGENT_HEADER} + ${INVENTORY_STRIDE} * (Fc[o + ${A_INVENTORY_COUNT}] | 0) + ${SEEN_STRIDE} * (Fc[o + ${A_SEEN_COUNT}] | 0);
  for (let j = 0; j < w; j++, p += ${WALL_STRIDE}) {
    let r = wallPool[j];
    if (r === undefined) r = wallPool[j] = { x: 0, y: 0, width: 0, height: 0 };
    r.x = Fc[p]; r.y = Fc[p + 1]; r.width = Fc[p + 2]; r.height = Fc[p + 3];
    walls[j] = r;
  }
  walls.length = w;
  return walls;
}`,
  ];
  for (const [name, offset, kind] of SELF_FIELDS) {
    if (eager(name)) continue;
    setup.push(
      lazyGetter(name, `return ${valueOf('Fc', `at + ${offset}`, kind)};`).replace('OBJ', 'self'),
    );
  }
  if (!eager('cooldowns'))
    setup.push(lazyGetter('cooldowns', 'return decodeCooldowns(at);').replace('OBJ', 'self'));
  if (!eager('equipment'))
    setup.push(lazyGetter('equipment', 'return decodeEquipment(at);').replace('OBJ', 'self'));
  if (!eager('inventory'))
    setup.push(lazyGetter('inventory', 'return decodeInventory(at);').replace('OBJ', 'self'));
  if (!eager('walls'))
    setup.push(lazyGetter('walls', 'return decodeWalls(at);').replace('OBJ', 'obs'));

  // A pooled seen entity: eager fields as data, the rest as getters of entity `j` of the current agent.
  const lazySeen = SEEN_FIELDS.filter(([name]) => !eager(name));
  setup.push(`function seenEntity(j) {
  const e = { ${SEEN_FIELDS.filter(([n]) => eager(n))
    .map(([n, , kind]) => `${n}: ${kind === 'kind' ? "'agent'" : kind === 'item' ? 'null' : '0'}`)
    .join(', ')} };
${lazySeen
  .map(([name, offset, kind]) =>
    // Past the current agent's entities (a reference kept from an earlier agent): undefined.
    lazyGetter(
      name,
      `if (j >= (Fc[at + ${A_SEEN_COUNT}] | 0)) return undefined; return ${valueOf('Fc', `${seenBase} + ${offset}`, kind)};`,
    ).replace('OBJ', 'e'),
  )
  .join('\n')}
  return e;
}`);

  const perAgent: string[] = ['at = o;'];
  for (const [name, offset, kind] of SELF_FIELDS) {
    if (eager(name)) perAgent.push(`lSelf.${name} = ${valueOf('F', `o + ${offset}`, kind)};`);
  }
  if (eager('cooldowns')) perAgent.push('decodeCooldowns(o);');
  if (eager('equipment')) perAgent.push('decodeEquipment(o);');
  if (eager('inventory')) perAgent.push('decodeInventory(o);');
  const eagerSeen = SEEN_FIELDS.filter(([name]) => eager(name));
  perAgent.push(`{
  const m = F[o + ${A_SEEN_COUNT}] | 0;
  let p = o + ${AGENT_HEADER} + ${INVENTORY_STRIDE} * (F[o + ${A_INVENTORY_COUNT}] | 0);
  for (let j = 0; j < m; j++, p += ${SEEN_STRIDE}) {
    let e = lPool[j];
    if (e === undefined) e = lPool[j] = seenEntity(j);
    ${eagerSeen.map(([name, offset, kind]) => `e.${name} = ${valueOf('F', `p + ${offset}`, kind)};`).join(' ')}
    lNearby[j] = e;
  }
  lNearby.length = m;
}`);
  if (eager('walls')) perAgent.push('decodeWalls(o);');
  return {
    setup: setup.join('\n'),
    locals: 'const lSelf = self, lNearby = nearby, lPool = seenPool;',
    perAgent: perAgent.join('\n'),
  };
}
