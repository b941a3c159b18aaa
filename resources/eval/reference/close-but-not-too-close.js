export default function act(obs) {
  const me = obs.self;
  const enemy = obs.nearby.find((e) => e.team !== me.team && e.kind === 'agent');
  if (!enemy) return { moveTo: me.x < 1040 ? { x: 1100, y: 70 } : { x: 1100, y: 500 } };
  if (enemy.distance < 200) return { move: { x: me.x - enemy.x, y: me.y - enemy.y } };
  return {};
}
