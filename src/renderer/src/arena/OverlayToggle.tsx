/** The title of a panel over the arena, as a button that folds and unfolds it. */
export function OverlayToggle(props: {
  title: string;
  collapsed: boolean;
  onToggle(): void;
  testId: string;
}) {
  return (
    <button
      type="button"
      className="overlay-toggle"
      data-testid={props.testId}
      aria-expanded={!props.collapsed}
      title={
        props.collapsed ? `Show ${props.title.toLowerCase()}` : `Fold ${props.title.toLowerCase()}`
      }
      onClick={props.onToggle}
    >
      <span aria-hidden="true">{props.collapsed ? '▸' : '▾'}</span> {props.title}
    </button>
  );
}
