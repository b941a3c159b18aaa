export default function act(obs) {
  const me = obs.self;
  const enemy = obs.nearby.find((e) => e.team !== me.team && e.kind === 'agent');
  if (!enemy) return { moveTo: me.x < 1040 ? { x: 1100, y: 70 } : { x: 1100, y: 500 } };
  const away = enemy.distance < 200 ? { x: me.x - enemy.x, y: me.y - enemy.y } : undefined;
  const closer = enemy.distance > me.range * 0.9 ? enemy : undefined;
  return { move: away, moveTo: closer, aimAt: enemy.id, fire: enemy.distance < me.range };
}
