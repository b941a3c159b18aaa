// Kite at range: keep the nearest enemy at about 80% of weapon range,
// backing off (while still shooting) when it comes closer and closing in
// when it drifts out of range; circles sideways so chasers miss.
// Plays as a ring of archers that never lets anyone near.
const KEEP = 0.8;

/**
 * @param {Observation} obs
 * @param {Memory} memory
 * @returns {Action}
 */
export default function kiter(obs, memory) {
  const me = obs.self;
  const enemy = obs.nearby.find(
    (e) => e.team !== me.team && (e.kind === 'agent' || e.kind === 'avatar'),
  );
  if (!enemy) {
    memory.orbit = memory.orbit ?? (Math.random() < 0.5 ? 1 : -1);
    return { move: { x: 0.3 * memory.orbit, y: 0.3 } };
  }
  const dx = (enemy.x - me.x) / (enemy.distance || 1);
  const dy = (enemy.y - me.y) / (enemy.distance || 1);
  const want = me.range * KEEP;
  // Radial: away when too close, towards when too far; tangential: strafe.
  const radial = Math.max(-1, Math.min(1, (enemy.distance - want) / 40));
  const side = memory.orbit ?? 1;
  if (obs.tick % 60 === 0) memory.orbit = -side;
  return {
    move: { x: dx * radial - dy * 0.6 * side, y: dy * radial + dx * 0.6 * side },
    aimAt: enemy.id,
    fire: enemy.distance < me.range,
  };
}
