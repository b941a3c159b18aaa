/**
 * The packed layout between the host and the sandbox. One call per behavior
 * per tick carries all of its agents' observations in one Float64Array and
 * brings back all of their actions in another: no JSON, no per-agent call.
 * Float64 keeps entity ids and positions exact (ids are integers below
 * 2^32), which the determinism of replays relies on.
 *
 * What the guest receives for one behavior (its "group"):
 *
 * ```
 *  group header (GROUP_HEADER doubles)
 *  ┌─────────┬──────┬──────────┬───────────┬────────────┬────────────┬──────┬──────┐
 *  │ version │ tick │ tickRate │ ticksLeft │ agentCount │ randomSeed │  0   │  0   │
 *  └─────────┴──────┴──────────┴───────────┴────────────┴────────────┴──────┴──────┘
 *  then agentCount agent records, back to back:
 *
 *  agent record = AGENT_HEADER doubles, then its variable part
 *   0 recordLength   (doubles, header included: the next record starts there)
 *   1 id             2 team
 *   3 x   4 y        5 vx  6 vy            world units, world units / s
 *   7 hp  8 maxHp
 *   9 radius  10 speed  11 perception  12 range
 *  13 aimX  14 aimY                        facing, unit vector
 *  15 fireCooldown                         ticks
 *  16 weapon  17 armor  18 trinket         item index, -1 empty
 *  19 inventoryCount k   20 seenCount m   21 wallCount w   22, 23 reserved (0)
 *  ├─ k × INVENTORY_STRIDE: slot, item index, count
 *  ├─ m × SEEN_STRIDE:      id, kind, team, x, y, vx, vy, hp, item index, distance
 *  └─ w × WALL_STRIDE:      x, y, width, height
 * ```
 *
 * What the guest returns: one ACTION_STRIDE record per agent, in record order.
 *
 * ```
 *   0 status      ACTION_STATUS_*: idle, acted, threw, bad return, skipped
 *   1 moveMode    MOVE_*: none, direction (2,3 = x,y), point (2,3 = world x,y)
 *   2 moveX  3 moveY
 *   4 aimMode     AIM_*: none, angle (5 = radians), entity (5 = entity id)
 *   5 aim
 *   6 flags       FLAG_FIRE | FLAG_PICKUP
 *   7 itemAction  ITEM_ACTION_*: none, equip, unequip, use, drop
 *   8 itemSlot    inventory slot (equipment column for unequip)
 *   9 say         index into SAY_PHRASES, -1 none
 * ```
 *
 * The guest is untrusted: the host decodes actions with validation
 * (actionDecoder.ts) and never trusts a length or an index it returns.
 */

/** Bumped whenever the layout changes; the guest prelude checks it. */
export const LAYOUT_VERSION = 1;

export const GROUP_HEADER = 8;
export const G_VERSION = 0;
export const G_TICK = 1;
export const G_TICK_RATE = 2;
export const G_TICKS_LEFT = 3;
export const G_AGENT_COUNT = 4;
export const G_RANDOM_SEED = 5;

export const AGENT_HEADER = 24;
export const A_LENGTH = 0;
export const A_ID = 1;
export const A_TEAM = 2;
export const A_X = 3;
export const A_Y = 4;
export const A_VX = 5;
export const A_VY = 6;
export const A_HP = 7;
export const A_MAX_HP = 8;
export const A_RADIUS = 9;
export const A_SPEED = 10;
export const A_PERCEPTION = 11;
export const A_RANGE = 12;
export const A_AIM_X = 13;
export const A_AIM_Y = 14;
export const A_FIRE_COOLDOWN = 15;
export const A_WEAPON = 16;
export const A_ARMOR = 17;
export const A_TRINKET = 18;
export const A_INVENTORY_COUNT = 19;
export const A_SEEN_COUNT = 20;
export const A_WALL_COUNT = 21;

export const INVENTORY_STRIDE = 3;
export const INV_SLOT = 0;
export const INV_ITEM = 1;
export const INV_COUNT = 2;

export const SEEN_STRIDE = 10;
export const S_ID = 0;
export const S_KIND = 1;
export const S_TEAM = 2;
export const S_X = 3;
export const S_Y = 4;
export const S_VX = 5;
export const S_VY = 6;
export const S_HP = 7;
export const S_ITEM = 8;
export const S_DISTANCE = 9;

export const WALL_STRIDE = 4;

export const ACTION_STRIDE = 10;
export const R_STATUS = 0;
export const R_MOVE_MODE = 1;
export const R_MOVE_X = 2;
export const R_MOVE_Y = 3;
export const R_AIM_MODE = 4;
export const R_AIM = 5;
export const R_FLAGS = 6;
export const R_ITEM_ACTION = 7;
export const R_ITEM_SLOT = 8;
export const R_SAY = 9;

/** The behavior returned nothing (or an empty action): the agent stands still. */
export const ACTION_STATUS_IDLE = 0;
export const ACTION_STATUS_ACTED = 1;
/** The behavior threw for this agent. */
export const ACTION_STATUS_THREW = 2;
/** The behavior returned something that is not an action object. */
export const ACTION_STATUS_BAD_RETURN = 3;
/** Not run: behavior missing, suspended, out of CPU, or the batch came late. */
export const ACTION_STATUS_SKIPPED = 4;

export const MOVE_NONE = 0;
export const MOVE_DIRECTION = 1;
export const MOVE_POINT = 2;

export const AIM_NONE = 0;
export const AIM_ANGLE = 1;
export const AIM_ENTITY = 2;

/** Same bit values as the engine's INTENT_FIRE / INTENT_PICKUP. */
export const FLAG_FIRE = 1;
export const FLAG_PICKUP = 2;
export const FLAG_MASK = FLAG_FIRE | FLAG_PICKUP;

/** Same values as the engine's ACTION_NONE / EQUIP / UNEQUIP / USE / DROP. */
export const ITEM_ACTION_NONE = 0;
export const ITEM_ACTION_EQUIP = 1;
export const ITEM_ACTION_UNEQUIP = 2;
export const ITEM_ACTION_USE = 3;
export const ITEM_ACTION_DROP = 4;
