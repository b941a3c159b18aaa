/**
 * The behavior module in an LLM answer: the fenced code block that looks
 * like one (exports a function), else the biggest fenced block, else the
 * whole answer when it is bare code. Null when there is no code at all.
 */
const FENCE = /```[ \t]*([A-Za-z]*)[^\n]*\n([\s\S]*?)```/g;
const LOOKS_LIKE_MODULE = /\bexport\s+(default\b|function\b|const\s+act\b)/;

export function extractCode(answer: string): string | null {
  const blocks: string[] = [];
  for (const match of answer.matchAll(FENCE)) blocks.push(match[2].trimEnd());
  const module = blocks.find((b) => LOOKS_LIKE_MODULE.test(b));
  if (module) return `${module}\n`;
  if (blocks.length) {
    const biggest = blocks.reduce((a, b) => (b.length > a.length ? b : a));
    if (biggest.trim()) return `${biggest}\n`;
  }
  // An unfenced answer counts only when it is plainly a module (no prose before the code).
  const bare = answer.trim();
  if (
    LOOKS_LIKE_MODULE.test(bare) &&
    /^(\/\/|\/\*|const|let|function|export|import|'use)/.test(bare)
  ) {
    return `${bare}\n`;
  }
  return null;
}
