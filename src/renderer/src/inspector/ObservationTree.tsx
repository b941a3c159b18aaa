/**
 * A JSON-like value as a collapsible tree: objects and arrays fold (the top
 * levels open), numbers are shown to two decimals, strings quoted.
 */
function show(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function size(value: object): string {
  return Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value).length}}`;
}

export function ObservationTree({
  name,
  value,
  depth = 0,
  openDepth = 1,
}: {
  name: string;
  value: unknown;
  depth?: number;
  /** Levels shown open at first. */
  openDepth?: number;
}) {
  if (value === null || typeof value !== 'object') {
    return (
      <div className="tree-leaf" data-path={name}>
        <span className="tree-key">{name}</span>: <span className="tree-value">{show(value)}</span>
      </div>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    <details className="tree-node" open={depth < openDepth} data-path={name}>
      <summary>
        <span className="tree-key">{name}</span> <span className="tree-size">{size(value)}</span>
      </summary>
      <div className="tree-children">
        {entries.length === 0 && <div className="tree-leaf muted">empty</div>}
        {entries.map(([key, child]) => (
          <ObservationTree
            key={key}
            name={key}
            value={child}
            depth={depth + 1}
            openDepth={openDepth}
          />
        ))}
      </div>
    </details>
  );
}
