import { showToast, copyWithToast } from '../Toast';
import { revokeInvite, type DashboardData, type Invite } from './dashboardActions';

/** Open and past invites: what each is, uses left, expiry, with copy and revoke. */
export function InvitesTable(props: { data: DashboardData; onChanged(): void }) {
  const invites = [...props.data.invites].sort((a, b) => b.createdAt - a.createdAt);
  const onRevoke = async (invite: Invite) => {
    const words = await revokeInvite(invite);
    if (words) showToast(words);
    props.onChanged();
  };
  return (
    <section className="dashboard-section" data-testid="invites">
      <h3>Invites</h3>
      {invites.length === 0 ? (
        <p className="muted">No invites yet: “Invite a friend” makes a link.</p>
      ) : (
        <div className="table-scroll">
          <table className="dashboard-table">
            <thead>
              <tr>
                <th>Invite</th>
                <th>Uses left</th>
                <th>Expires</th>
                <th>State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {invites.map((invite) => {
                const state = stateOf(invite);
                return (
                  <tr key={invite.code} data-testid={`invite-row-${invite.code}`}>
                    <td>
                      {invite.kind === 'code' ? (
                        <span title="An offer code for one friend, made with “Invite by code”">
                          offer code {invite.code.slice(0, 5)}…
                        </span>
                      ) : (
                        <button
                          type="button"
                          className="link-button"
                          title={invite.link ?? invite.code}
                          onClick={() =>
                            void copyWithToast(
                              invite.link ?? invite.code,
                              invite.link ? 'Invite link' : 'Invite code',
                            )
                          }
                        >
                          {invite.link ? 'link' : 'code'} {invite.code.slice(0, 5)}…
                        </button>
                      )}
                      {invite.canEditBehaviors && <span className="muted"> (may edit)</span>}
                    </td>
                    <td>
                      {Math.max(0, invite.maxUses - invite.uses)} of {invite.maxUses}
                    </td>
                    <td title={new Date(invite.expiresAt).toLocaleString()}>
                      {expiresIn(invite.expiresAt)}
                    </td>
                    <td data-testid={`invite-state-${invite.code}`}>
                      {state}
                      {invite.uses > 0 && `, used ${invite.uses}`}
                    </td>
                    <td>
                      <button
                        type="button"
                        data-testid={`revoke-${invite.code}`}
                        disabled={invite.revoked}
                        onClick={() => void onRevoke(invite)}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** "in 23 h", "in 9 min": a time of day alone hides that an invite runs into tomorrow. */
function expiresIn(expiresAt: number): string {
  const minutes = Math.round((expiresAt - Date.now()) / 60_000);
  if (minutes <= 0) return 'expired';
  return minutes < 120 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`;
}

function stateOf(invite: Invite): string {
  if (invite.revoked) return 'revoked';
  if (invite.expiresAt <= Date.now()) return 'expired';
  if (invite.uses >= invite.maxUses) return 'used up';
  return 'open';
}
