/** Where a behavior failed and why: "line 7:9: boom", or the message alone when no line is known. */
export function BehaviorErrorLine({
  error,
  testId,
}: {
  error: { line: number | null; column: number | null; message: string };
  testId: string;
}) {
  const at =
    error.line === null
      ? ''
      : `line ${error.line}${error.column === null ? '' : `:${error.column}`}: `;
  return (
    <div className="behavior-error" data-testid={testId}>
      {at}
      {error.message}
    </div>
  );
}
