// A made-up fourth network, to prove that a network is its profile, its adapter and its fixture.
import type { NetworkProfile } from '../../../utils/shared/networks';

export const profile: NetworkProfile = { id: 'mastodon', name: 'Mastodon', maxLength: 500, counting: 'characters', linksClickable: true, maxHashtags: 10 };
