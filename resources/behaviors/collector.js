// Collect items: walk to the nearest ground item and pick it up, equip
// better gear it finds, and steer clear of enemies (shooting only when
// cornered). Plays as scavengers that sweep the map and avoid fights.
const AVOID = 140;
const WEAPONS = ['stormcaller', 'heavy_crossbow', 'ember_staff', 'longbow', 'short_bow'];

/**
 * @param {Observation} obs
 * @param {Memory} memory
 * @returns {Action}
 */
export default function collector(obs, memory) {
  const me = obs.self;
  const threat = obs.nearby.find(
    (e) => e.team !== me.team && (e.kind === 'agent' || e.kind === 'avatar') && e.distance < AVOID,
  );
  if (threat) {
    return {
      move: { x: me.x - threat.x, y: me.y - threat.y },
      aimAt: threat.id,
      fire: threat.distance < me.range * 0.5,
      say: 'help',
    };
  }
  const upgrade = betterWeapon(me);
  if (upgrade !== null) return { equip: upgrade };

  const item = obs.nearby.find((e) => e.kind === 'item');
  if (item) {
    memory.collected = (memory.collected ?? 0) + (item.distance < me.radius * 3 ? 1 : 0);
    return { moveTo: item, pickup: item.distance < me.radius * 3 };
  }
  // Sweep: zig-zag across the map between the walls.
  memory.sweep = memory.sweep ?? 1;
  if (obs.tick % 100 === 0) memory.sweep = -memory.sweep;
  return { move: { x: memory.sweep, y: 0.35 } };
}

/** Inventory slot of a weapon better than the equipped one, or null. @param {SelfView} me */
function betterWeapon(me) {
  const rank = (id) => (id === null ? WEAPONS.length : WEAPONS.indexOf(id));
  const current = rank(me.equipment.weapon);
  for (const slot of me.inventory) {
    const r = WEAPONS.indexOf(slot.item);
    if (r >= 0 && r < current) return slot.slot;
  }
  return null;
}
