/**
 * What the LLM is told: the behavior API (the same declarations Monaco
 * loads), the rules of the sandbox, the modder's script, the current code
 * and, when asked, a summary of the live match; and, for a repair, the
 * validation errors of its last answer.
 */
import { behaviorApiDeclarations } from '../../../../engine/behavior/apiDeclarations';
import type { LlmGenerate } from '../../../shared/llmApi';
import type { ChatMessage } from './llmStream';

export interface ValidationErrorView {
  phase: string;
  name: string;
  message: string;
  line: number | null;
  column: number | null;
}

export const BEHAVIOR_SYSTEM_PROMPT = `You write agent behaviors for Arbiter, a multiplayer arena game.
A behavior is one JavaScript module whose default export is called once per agent per tick:
  export default function act(obs, memory) { return { /* Action */ }; }
It runs in a sandbox without Date, timers, eval, Function, import, require, fetch or host objects;
Math.random is seeded. Keep per-agent state in \`memory\` (a plain object that persists between ticks).
Return only fields of Action. Keep it fast: it runs for hundreds of agents every tick.
Answer with the complete module in one fenced \`\`\`js code block, then at most two sentences.

The API, as TypeScript declarations (global types; do not import them):
\`\`\`ts
${behaviorApiDeclarations}
\`\`\``;

export function firstMessage(request: LlmGenerate, matchSummary: string | null): ChatMessage {
  const parts = [`Task: ${request.prompt}`];
  if (request.code.trim()) {
    parts.push(
      `The current code (${request.language}); change what the task asks and keep the rest:\n\`\`\`${request.language === 'typescript' ? 'ts' : 'js'}\n${request.code}\n\`\`\``,
    );
  }
  if (matchSummary) parts.push(`The live match now:\n${matchSummary}`);
  return { role: 'user', content: parts.join('\n\n') };
}

export function repairMessage(errors: readonly ValidationErrorView[]): ChatMessage {
  const list = errors
    .map((e) => {
      const at =
        e.line !== null ? ` at line ${e.line}${e.column !== null ? `:${e.column}` : ''}` : '';
      return `- ${e.phase}${at}: ${e.message}`;
    })
    .join('\n');
  return {
    role: 'user',
    content: `That code failed validation in the sandbox:\n${list}\nFix it and answer with the whole corrected module in one \`\`\`js block.`,
  };
}
