/**
 * The code part of an answer that is still streaming: what follows the
 * first code fence, up to its closing fence or the end so far. Before a
 * fence opens, nothing (the model is still talking), unless the answer
 * plainly starts as code.
 */
export function streamingCode(answer: string): string {
  const open = /```[^\n]*\n/.exec(answer);
  if (!open) {
    return /^\s*(export|const|let|function|\/\/|\/\*)/.test(answer)
      ? answer.replace(/`{1,3}$/, '')
      : '';
  }
  const rest = answer.slice(open.index + open[0].length);
  const close = rest.indexOf('```');
  // A partial closing fence (one or two backticks) at the end is not code.
  return close === -1 ? rest.replace(/`{1,2}$/, '') : rest.slice(0, close);
}
