export default function act(obs) {
  const enemy = obs.nearby.find((e) => e.team !== obs.self.team && e.kind === 'agent');
  if (enemy && enemy.distance < 150) return {};
  return { moveTo: obs.self.x < 1240 ? { x: 1300, y: 70 } : { x: 1400, y: 500 } };
}
