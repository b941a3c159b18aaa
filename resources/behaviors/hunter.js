// Hunt the nearest enemy: run at it and shoot as soon as it is in range;
// with nobody in sight, roam in long straight legs (remembered headings)
// until someone shows up. Plays as an aggressive swarm.

/**
 * @param {Observation} obs
 * @param {Memory} memory
 * @returns {Action}
 */
export default function hunter(obs, memory) {
  const me = obs.self;
  const enemy = obs.nearby.find(
    (e) => e.team !== me.team && (e.kind === 'agent' || e.kind === 'avatar'),
  );
  if (enemy) {
    memory.lastSeen = { x: enemy.x, y: enemy.y };
    return {
      moveTo: enemy.distance > me.range * 0.5 ? enemy : undefined,
      aimAt: enemy.id,
      fire: enemy.distance < me.range,
    };
  }
  // Chase the last place an enemy was seen, then roam.
  if (memory.lastSeen) {
    const d = Math.hypot(memory.lastSeen.x - me.x, memory.lastSeen.y - me.y);
    if (d > 20) return { moveTo: memory.lastSeen };
    memory.lastSeen = null;
  }
  if (!memory.legTicks || memory.legTicks <= 0 || touchingWall(obs)) {
    memory.heading = Math.random() * Math.PI * 2;
    memory.legTicks = 40 + Math.floor(Math.random() * 60);
  }
  memory.legTicks--;
  return {
    move: { x: Math.cos(memory.heading), y: Math.sin(memory.heading) },
    aim: memory.heading,
  };
}

/** @param {Observation} obs */
function touchingWall(obs) {
  const me = obs.self;
  return obs.walls.some(
    (w) =>
      me.x > w.x - me.radius * 2 &&
      me.x < w.x + w.width + me.radius * 2 &&
      me.y > w.y - me.radius * 2 &&
      me.y < w.y + w.height + me.radius * 2,
  );
}
