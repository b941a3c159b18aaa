const POINTS = [
  { x: 150, y: 300 },
  { x: 150, y: 700 },
];
export default function act(obs, memory) {
  const me = obs.self;
  memory.i = memory.i || 0;
  const p = POINTS[memory.i];
  if (Math.hypot(p.x - me.x, p.y - me.y) < 20) memory.i = (memory.i + 1) % POINTS.length;
  return { moveTo: POINTS[memory.i] };
}
