export default function act(obs, memory) {
  const me = obs.self;
  if (Math.hypot(me.x - 190, me.y - 100) < 40) memory.back = true;
  return { moveTo: memory.back ? { x: 190, y: 900 } : { x: 190, y: 100 } };
}
