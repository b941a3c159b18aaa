const SPOTS = [
  { x: 560, y: 500 },
  { x: 800, y: 80 },
  { x: 800, y: 920 },
];
export default function act(obs) {
  const item = obs.nearby.find((e) => e.kind === 'item');
  if (item) return { moveTo: item, pickup: item.distance < 30 };
  return { moveTo: SPOTS[obs.self.id % SPOTS.length] };
}
