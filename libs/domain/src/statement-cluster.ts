import { deterministicId } from '@chronicle/contracts';

/** Words only, lower-cased: punctuation and quote-mark differences between outlets vanish. */
export function normalizeStatementText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The cluster a statement belongs to: the same words said by the same speaker, wherever
 * it was published. Re-runs of a quote by other outlets share the cluster.
 */
export function statementClusterId(speakerId: string | null, text: string): string {
  return deterministicId('statement-cluster', speakerId ?? '(unknown)', normalizeStatementText(text));
}
