export default function act(obs, memory) {
  memory.ticks = (memory.ticks || 0) + 1;
  if (memory.ticks < obs.tickRate * 5) return {};
  return { moveTo: { x: 30, y: 30 } };
}
