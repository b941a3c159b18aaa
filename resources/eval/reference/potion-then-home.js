export default function act(obs, memory) {
  const me = obs.self;
  if (me.inventory.some((s) => s.item === 'health_potion')) memory.done = true;
  if (memory.done) return { moveTo: { x: 190, y: 500 } };
  const item = obs.nearby.find((e) => e.kind === 'item' && e.item === 'health_potion');
  if (item) return { moveTo: item, pickup: item.distance < 30 };
  return { moveTo: { x: 560, y: 500 } };
}
