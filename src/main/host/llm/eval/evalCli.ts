/**
 * `npm run eval:llm -- --cases FILE --base-url URL --model NAME [--key-env VAR] [--repeats N]`:
 * measures how often a model's behaviors do what each case asked (see evalRun.ts).
 */
import { parseEvalArgs, type EvalArgs } from './evalArgs';
import { runEval } from './evalRun';

let args: EvalArgs | null = null;
try {
  args = parseEvalArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`eval:llm: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
if (args) {
  process.exitCode = await runEval(args, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  });
}
