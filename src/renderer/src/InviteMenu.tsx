import { useEffect, useRef, useState } from 'react';
import { createInvite } from './hostActions';
import { copyWithToast, showToast } from './Toast';

/**
 * The toolbar's one **Invite** button: a small menu with the link invite
 * (and whether that friend may edit behaviors) and the copy-paste codes.
 * One button instead of three keeps the toolbar on one row at 1024 px.
 */
export function InviteMenu({
  codesOpen,
  onToggleCodes,
}: {
  codesOpen: boolean;
  onToggleCodes: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [inviteEdits, setInviteEdits] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // A click elsewhere or Escape closes the menu, as menus do.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const onInvite = async () => {
    setOpen(false);
    // Clears the last invite's toast first: its link must not be taken for the new one.
    showToast('Making an invite…');
    const link = await createInvite(inviteEdits);
    // The link shows in a toast (and in the dashboard's invites), not in this bar: it wrapped it.
    if (link) await copyWithToast(link, link.startsWith('http') ? 'Invite link' : 'Invite code');
  };

  return (
    <div className="invite-menu" ref={root}>
      <button
        type="button"
        data-testid="invite-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((now) => !now)}
      >
        Invite ▾
      </button>
      {open && (
        <div className="invite-menu-popover" role="menu">
          <button
            type="button"
            role="menuitem"
            className="primary"
            data-testid="invite-button"
            onClick={() => void onInvite()}
          >
            Copy an invite link
          </button>
          <label className="invite-edits">
            <input
              type="checkbox"
              checked={inviteEdits}
              onChange={(e) => setInviteEdits(e.target.checked)}
              data-testid="invite-can-edit"
            />
            the friend may edit behaviors
          </label>
          <button
            type="button"
            role="menuitem"
            data-testid="code-invite-button"
            aria-pressed={codesOpen}
            onClick={() => {
              setOpen(false);
              onToggleCodes();
            }}
          >
            {codesOpen ? 'Hide the code invite' : 'Invite by code (no shared network)'}
          </button>
        </div>
      )}
    </div>
  );
}
