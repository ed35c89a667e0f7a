import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { DraftStore } from './draft-store.js';

/** drafts.get / save / discard: the contract has already checked the key and the size. */
export function draftHandlers(store: DraftStore): FeatureHandlers {
  return {
    'drafts.get': async (input) => store.get(input.key),
    'drafts.save': (input) => store.save(input.key, input.value),
    'drafts.discard': async (input) => ({ discarded: await store.discard(input.key) }),
  };
}
