export default function act(obs) {
  const me = obs.self;
  const enemy = obs.nearby.find(
    (e) => e.team !== me.team && (e.kind === 'agent' || e.kind === 'avatar'),
  );
  if (!enemy) return { moveTo: me.x < 1240 ? { x: 1300, y: 70 } : { x: 1400, y: 500 } };
  return {
    moveTo: enemy.distance > me.range * 0.8 ? enemy : undefined,
    aimAt: enemy.id,
    fire: enemy.distance < me.range,
  };
}
