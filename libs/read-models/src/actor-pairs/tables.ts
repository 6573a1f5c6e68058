/** Live articles per (actor, UTC week from Monday, other actor), both directions of every pair. */
export const ACTOR_PAIRS_TABLE = 'actor_pairs';
