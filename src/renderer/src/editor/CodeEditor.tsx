import { useEffect, useRef } from 'react';
import { saveBehavior, validateBuffer } from './editorActions';
import { liveOfSelected, useEditorStore, type Marker } from './editorStore';
import { describeObservation, describeRunErrors } from './RuntimeErrors';
import { setUpMonaco, type Monaco } from './monacoSetup';

/** Quiet time after a keystroke before the host checks the buffer. */
const VALIDATE_AFTER_MS = 400;

/**
 * The buffer in Monaco: the behavior API's types for completion, hover and
 * type errors; the host's static checks and dry run as markers on the
 * lines they name. The store holds the text; Monaco follows it when
 * something else (open, accept, rollback) replaces it.
 */
export function CodeEditor() {
  const box = useRef<HTMLDivElement>(null);
  const monacoRef = useRef<Monaco | null>(null);
  const editorRef = useRef<ReturnType<Monaco['editor']['create']> | null>(null);
  const code = useEditorStore((s) => s.code);
  const language = useEditorStore((s) => s.language);
  const markers = useEditorStore((s) => s.markers);
  const runErrors = useEditorStore((s) => liveOfSelected(s)?.runErrors ?? null);

  useEffect(() => {
    const monaco = setUpMonaco();
    monacoRef.current = monaco;
    const state = useEditorStore.getState();
    const model = monaco.editor.createModel(
      state.code,
      state.language,
      monaco.Uri.parse(`file:///behavior.${state.language === 'typescript' ? 'ts' : 'js'}`),
    );
    const editor = monaco.editor.create(box.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      // Completion docs and hovers may reach past the editor's box (it is narrow beside the arena).
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    // Ctrl/Cmd+S saves as the Save button does (the browser's "save page" would be no use here).
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => {
      if (useEditorStore.getState().name.trim()) void saveBehavior();
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changes = model.onDidChangeContent(() => {
      const text = model.getValue();
      if (text !== useEditorStore.getState().code) useEditorStore.setState({ code: text });
      clearTimeout(timer);
      timer = setTimeout(() => void validateBuffer(), VALIDATE_AFTER_MS);
    });
    void validateBuffer();
    return () => {
      clearTimeout(timer);
      changes.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  // Something other than typing replaced the buffer: show it (as one undoable edit).
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === code) return;
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: code }], () => null);
  }, [code]);

  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (monaco && model) monaco.editor.setModelLanguage(model, language);
  }, [language]);

  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model) return;
    monaco.editor.setModelMarkers(
      model,
      'arbiter',
      markers.map((m) => toMarker(monaco, model, m)),
    );
  }, [markers]);

  // The match's run-time error of this version, on its line (cleared when a new version runs).
  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model) return;
    const shown: Marker[] = runErrors
      ? [
          {
            phase: 'run',
            name: runErrors.name,
            // The hover shows what the first failing agent was given, so the cause is at hand.
            message: [describeRunErrors(runErrors), describeObservation(runErrors)]
              .filter((part) => part !== null)
              .join('\n\n'),
            line: runErrors.line,
            column: runErrors.column,
          },
        ]
      : [];
    monaco.editor.setModelMarkers(
      model,
      'arbiter-run',
      shown.map((m) => toMarker(monaco, model, m)),
    );
  }, [runErrors]);

  return <div className="code-editor" ref={box} data-testid="code-editor" />;
}

function toMarker(monaco: Monaco, model: ReturnType<Monaco['editor']['createModel']>, m: Marker) {
  const line = Math.min(Math.max(m.line ?? 1, 1), model.getLineCount());
  const column = Math.max(m.column ?? 1, 1);
  const end =
    m.line === null
      ? model.getLineMaxColumn(line)
      : (model.getWordAtPosition({ lineNumber: line, column })?.endColumn ?? column + 1);
  return {
    severity: monaco.MarkerSeverity.Error,
    message: `${m.message} (${m.phase})`,
    startLineNumber: line,
    startColumn: m.line === null ? 1 : column,
    endLineNumber: line,
    endColumn: Math.max(end, column + 1),
    source: 'arbiter',
  };
}
