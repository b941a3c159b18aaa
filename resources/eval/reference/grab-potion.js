export default function act(obs) {
  const item = obs.nearby.find((e) => e.kind === 'item');
  if (item) return { moveTo: item, pickup: item.distance < 30 };
  return { moveTo: { x: 560, y: 500 } };
}
