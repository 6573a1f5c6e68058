import { UpdateSubscriptionDto } from './subscription.dto';
import { SubscriptionView } from './subscription.view';

/**
 * A subscription with a PATCH applied, as create input to validate as a whole: fields the patch
 * gives replace the current ones, `null` removes an optional condition, and switching the channel
 * to `stream` without naming a URL drops the webhook URL. A new secret is validated with the rest.
 */
export function mergeSubscriptionPatch(current: SubscriptionView, patch: UpdateSubscriptionDto): Record<string, unknown> {
  const merged: Record<string, unknown> = {
    actors: current.actors,
    kinds: current.kinds,
    channel: current.channel,
    webhookUrl: current.webhookUrl ?? undefined,
  };
  for (const key of ['query', 'words', 'outlets', 'sentiment'] as const)
    if (current[key] !== undefined) merged[key] = current[key];
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  if (patch.channel === 'stream' && patch.webhookUrl === undefined) delete merged.webhookUrl;
  return merged;
}
