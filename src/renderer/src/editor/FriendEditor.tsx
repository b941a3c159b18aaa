import { lazy, Suspense } from 'react';
import { describeError } from '../describeError';
import type { RpcClient } from '../../../shared/rpcClient';
import { connectAsEditor } from '../hostConnection';
import { useArbiterStore } from '../store';
import { useEditorStore } from './editorStore';

const EditorPanel = lazy(() => import('./EditorPanel'));

/**
 * For a friend whose invite lets them edit behaviors: the same editor as
 * the host's, over the host API opened with their session token (the host
 * allows that session the library and the LLM panel only).
 */
export function FriendEditorButton({
  hostOrigin,
  session,
}: {
  hostOrigin: string;
  session: string;
}) {
  const open = useEditorStore((s) => s.open);
  if (open) return null;
  return (
    <button
      type="button"
      onClick={() => void openFriendEditor(hostOrigin, session)}
      data-testid="open-editor"
    >
      Edit behaviors
    </button>
  );
}

export function FriendEditorPanel() {
  const open = useEditorStore((s) => s.open);
  const client = useArbiterStore((s) => s.client);
  if (!open || !client) return null;
  return (
    <Suspense fallback={<aside className="editor-panel">Loading the editor…</aside>}>
      <EditorPanel />
    </Suspense>
  );
}

/** The editor's own connection, so a closed one (kick, ban, revoked invite) is opened anew. */
let editorClient: RpcClient | null = null;

async function openFriendEditor(hostOrigin: string, session: string): Promise<void> {
  try {
    if (!useArbiterStore.getState().client || editorClient?.closed) {
      const connection = await connectAsEditor(hostOrigin, session);
      editorClient = connection.client;
      // The panel and its buffer stay (nothing typed is lost); saving is refused from here on.
      connection.client.onClose((reason) =>
        useEditorStore.setState({
          notice: null,
          running: null,
          ended: `The host ended your editing session${reason ? `: ${reason}` : ''}. Nothing more can be saved; your code is still here to copy.`,
        }),
      );
      useArbiterStore.setState({ client: connection.client, transport: connection.transport });
    }
    useEditorStore.setState({ open: true, problem: null, ended: null });
  } catch (error) {
    useEditorStore.setState({ problem: `Could not open the editor: ${describeError(error)}` });
    useArbiterStore.setState({ error: `Could not open the editor: ${describeError(error)}` });
  }
}
