export default function act() {
  return { moveTo: { x: 400, y: 500 } };
}
