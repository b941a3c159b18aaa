import { useEffect, useRef } from 'react';
import { setUpMonaco, type Monaco } from './monacoSetup';

/** Shortest time between two updates of the right side, ms. */
const MODIFIED_EVERY_MS = 100;

/**
 * Two versions side by side (Monaco's diff editor): the buffer against an
 * LLM answer as it streams, or against a past version. Read-only: accept,
 * reject and rollback are buttons, not edits.
 */
export function DiffView({
  original,
  modified,
  language,
  testId,
}: {
  original: string;
  modified: string;
  language: 'javascript' | 'typescript';
  testId: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const models = useRef<{
    original: ReturnType<Monaco['editor']['createModel']>;
    modified: ReturnType<Monaco['editor']['createModel']>;
  } | null>(null);

  useEffect(() => {
    const monaco = setUpMonaco();
    const pair = {
      original: monaco.editor.createModel('', language),
      modified: monaco.editor.createModel('', language),
    };
    models.current = pair;
    const diff = monaco.editor.createDiffEditor(box.current!, {
      readOnly: true,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      fontSize: 12,
      scrollBeyondLastLine: false,
    });
    diff.setModel(pair);
    return () => {
      diff.dispose();
      pair.original.dispose();
      pair.modified.dispose();
      models.current = null;
    };
  }, [language]);

  useEffect(() => {
    const model = models.current?.original;
    if (model && model.getValue() !== original) model.setValue(original);
  }, [original, language]);

  // A streamed answer changes `modified` with every chunk: the diff follows at most every
  // MODIFIED_EVERY_MS (and with the last chunk), so re-diffing never crowds out the stream.
  const pending = useRef(modified);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const appliedAt = useRef(-Infinity);
  useEffect(() => {
    pending.current = modified;
    if (timer.current !== undefined) return;
    const apply = () => {
      timer.current = undefined;
      appliedAt.current = performance.now();
      const model = models.current?.modified;
      if (model && model.getValue() !== pending.current) model.setValue(pending.current);
    };
    const wait = appliedAt.current + MODIFIED_EVERY_MS - performance.now();
    if (wait <= 0) apply();
    else timer.current = setTimeout(apply, wait);
  }, [modified, language]);
  useEffect(() => () => clearTimeout(timer.current), []);

  return <div className="diff-view" ref={box} data-testid={testId} />;
}
