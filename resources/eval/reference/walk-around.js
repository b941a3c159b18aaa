export default function act(obs) {
  return { moveTo: { x: 150, y: obs.self.y < 500 ? 950 : 50 } };
}
