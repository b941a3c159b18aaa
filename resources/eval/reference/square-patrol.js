const POINTS = [
  { x: 100, y: 200 },
  { x: 300, y: 200 },
  { x: 300, y: 800 },
  { x: 100, y: 800 },
];
export default function act(obs, memory) {
  const me = obs.self;
  memory.i = memory.i || 0;
  const p = POINTS[memory.i];
  if (Math.hypot(p.x - me.x, p.y - me.y) < 20) memory.i = (memory.i + 1) % POINTS.length;
  return { moveTo: POINTS[memory.i] };
}
