import { HostApiError } from '../../../shared/hostApi';
import { AnswerRefused, type CodeOffers } from '../net/codeOffers';
import type { HandlerMap } from './context';

/** Host-only: copy-paste offer and answer codes, for friends who cannot reach this host's port. */
export function codeInviteHandlers(offers: CodeOffers): HandlerMap {
  return {
    'invite.offerCode': async (params: { ttlMinutes?: number }) =>
      offers.create(params.ttlMinutes === undefined ? undefined : params.ttlMinutes * 60_000),
    'invite.acceptAnswer': async (params: { answerCode: string }) => {
      try {
        return await offers.accept(params.answerCode);
      } catch (error) {
        // The host reads this under the paste box: the reason alone, without the method name.
        if (error instanceof AnswerRefused) throw new HostApiError('handler_failed', error.message);
        throw error;
      }
    },
  };
}
