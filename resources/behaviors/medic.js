// Retreat and heal: fight while healthy; below 45% HP, break off, run away
// from the nearest enemy towards allies, and drink the best healing item
// carried. Back in the fight above 80%. Plays as a line that pulses
// forward and back.
const HEALS = ['elixir_of_life', 'health_potion', 'small_health_potion', 'bandage'];

/**
 * @param {Observation} obs
 * @param {Memory} memory
 * @returns {Action}
 */
export default function medic(obs, memory) {
  const me = obs.self;
  const ratio = me.hp / (me.maxHp || 1);
  if (ratio < 0.45) memory.retreating = true;
  if (ratio > 0.8) memory.retreating = false;

  const enemy = obs.nearby.find(
    (e) => e.team !== me.team && (e.kind === 'agent' || e.kind === 'avatar'),
  );
  if (memory.retreating) {
    const heal = healingSlot(me);
    let x = 0;
    let y = 0;
    if (enemy) {
      x += (me.x - enemy.x) / (enemy.distance || 1);
      y += (me.y - enemy.y) / (enemy.distance || 1);
    }
    const ally = obs.nearby.find((e) => e.team === me.team && e.kind === 'agent');
    if (ally) {
      x += ((ally.x - me.x) / (ally.distance || 1)) * 0.5;
      y += ((ally.y - me.y) / (ally.distance || 1)) * 0.5;
    }
    return {
      move: x === 0 && y === 0 ? undefined : { x, y },
      use: heal ?? undefined,
      say: heal !== null ? 'healing' : 'retreat',
    };
  }
  if (!enemy) return { move: { x: me.team === 0 ? 0.5 : -0.5, y: 0 } };
  return {
    moveTo: enemy.distance > me.range * 0.7 ? enemy : undefined,
    aimAt: enemy.id,
    fire: enemy.distance < me.range,
  };
}

/** Inventory slot of the strongest healing item carried, or null. @param {SelfView} me */
function healingSlot(me) {
  let best = null;
  let bestRank = HEALS.length;
  for (const slot of me.inventory) {
    const rank = HEALS.indexOf(slot.item);
    if (rank >= 0 && rank < bestRank) {
      bestRank = rank;
      best = slot.slot;
    }
  }
  return best;
}
