import { ChronicleConfig } from '@chronicle/config';
import { ClaimedRebuild, REBUILD_LEASE_SECONDS, RebuildRequestsRepository } from '@chronicle/persistence';
import { rebuildProjection, RebuildProgress, RebuildResult } from './projection-rebuild';

export interface ClaimedRebuildOptions {
  logDir: string;
  onProgress?: (progress: RebuildProgress) => void;
  /** Stops the rebuild (the shadow is dropped). */
  signal?: AbortSignal;
  /**
   * When `signal` stops it: `release` hands the request back for another replica to start again
   * (a service shutting down), `fail` records it as failed (an operator interrupting the CLI).
   */
  whenStopped: 'release' | 'fail';
}

/** The claim passed to another process while this one was rebuilding (its heartbeat had stopped). */
export class RebuildClaimLostError extends Error {
  constructor(id: string) {
    super(`rebuild ${id} was taken over by another process (this one's heartbeat stopped); stopped here`);
    this.name = 'RebuildClaimLostError';
  }
}

/**
 * Carries out a rebuild request this process has claimed: renews the claim while the rebuild runs
 * (and stops it if the claim was lost), and records the outcome, so `projection_rebuilds` says
 * how every request ended. A version left `building` by a process that died holding this request
 * is discarded first: holding the one unfinished request means nobody else is building.
 */
export async function carryOutClaimedRebuild(
  config: ChronicleConfig,
  requests: RebuildRequestsRepository,
  claim: ClaimedRebuild,
  worker: string,
  options: ClaimedRebuildOptions,
): Promise<RebuildResult> {
  const stop = new AbortController();
  const stopped = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stopped, { once: true });
  if (options.signal?.aborted) stopped();
  let lost = false;
  const heartbeat = setInterval(
    () => {
      requests.renew(claim.id, worker).then(
        (held) => {
          if (held) return;
          lost = true;
          stop.abort(new RebuildClaimLostError(claim.id));
        },
        // A missed renewal is not a lost claim: the lease outlasts two more tries.
        () => undefined,
      );
    },
    (REBUILD_LEASE_SECONDS * 1000) / 3,
  );
  let version: number | undefined;
  try {
    const result = await rebuildProjection(
      config,
      claim.projection,
      (progress) => {
        if (version !== progress.version) {
          version = progress.version;
          void requests.recordVersion(claim.id, worker, version).catch(() => undefined);
        }
        options.onProgress?.(progress);
      },
      options.logDir,
      { signal: stop.signal, discardUnfinishedBecause: `abandoned: rebuild ${claim.id} was taken over by ${worker}` },
    );
    await requests.recordVersion(claim.id, worker, result.version);
    await requests.finish(claim.id, worker, { succeeded: true });
    return result;
  } catch (error) {
    if (lost) throw new RebuildClaimLostError(claim.id);
    if (options.signal?.aborted && options.whenStopped === 'release') {
      await requests.release(claim.id, worker);
    } else {
      await requests.finish(claim.id, worker, { succeeded: false, error: errorMessage(error) });
    }
    throw error;
  } finally {
    clearInterval(heartbeat);
    options.signal?.removeEventListener('abort', stopped);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
