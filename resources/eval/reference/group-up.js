export default function act() {
  return { moveTo: { x: 190, y: 500 } };
}
