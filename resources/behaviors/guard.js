// Guard a point: hold the spot where the agent first stood, shoot whatever
// enemy comes within the guarded circle, and walk back to the post when
// the fight drifts away. Plays as a stationary ring of defenders.
const GUARD_RADIUS = 90;
const ENGAGE_RADIUS = 220;

/**
 * @param {Observation} obs
 * @param {Memory} memory
 * @returns {Action}
 */
export default function guard(obs, memory) {
  const me = obs.self;
  if (!memory.post) memory.post = { x: me.x, y: me.y };
  const post = memory.post;
  const fromPost = Math.hypot(me.x - post.x, me.y - post.y);

  let target = null;
  for (const e of obs.nearby) {
    if (e.team === me.team || (e.kind !== 'agent' && e.kind !== 'avatar')) continue;
    if (Math.hypot(e.x - post.x, e.y - post.y) > ENGAGE_RADIUS) continue;
    target = e; // nearest first
    break;
  }

  if (target) {
    // Call it out once per encounter, not every tick.
    const say = memory.alerted ? undefined : 'enemy spotted';
    memory.alerted = true;
    // Step towards the intruder but never leave the guarded circle.
    const towards = fromPost < GUARD_RADIUS ? target : post;
    const dx = towards.x - me.x;
    const dy = towards.y - me.y;
    const length = Math.hypot(dx, dy) || 1;
    return {
      move: { x: (dx / length) * 0.4, y: (dy / length) * 0.4 },
      aimAt: target.id,
      fire: target.distance < me.range,
      say,
    };
  }
  memory.alerted = false;
  if (fromPost > 6) return { moveTo: post };
  // On post: slowly sweep the gaze around.
  return { aim: (obs.tick / obs.tickRate) * 0.8 };
}
