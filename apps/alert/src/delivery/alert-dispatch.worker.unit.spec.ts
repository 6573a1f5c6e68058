import { loadConfig } from '@chronicle/config';
import { EventPublisher } from '@chronicle/kafka';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlertDispatchWorker } from './alert-dispatch.worker';
import { DeliveryRepository, DueAlert } from './delivery.repository';

const config = loadConfig({});
const LEASE = config.webhooks.timeoutMs * 2;

/** A worker whose repository claims nothing, with its two claims recorded. */
function workerWithClaims() {
  const byId = vi.spyOn(DeliveryRepository.prototype, 'claimDueById').mockResolvedValue([]);
  const scan = vi.spyOn(DeliveryRepository.prototype, 'claimDue').mockResolvedValue([]);
  const worker = new AlertDispatchWorker({} as DataSource, {} as EventPublisher, config);
  return { worker, byId, scan };
}

describe(AlertDispatchWorker.name, () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  describe('when the matcher hands over the alerts it recorded', () => {
    it('claims those alerts by id and does not scan for due alerts', async () => {
      const { worker, byId, scan } = workerWithClaims();
      worker.kick(['alert-1', 'alert-2']);
      await vi.waitFor(() => expect(byId).toHaveBeenCalledTimes(1));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(byId).toHaveBeenCalledWith(['alert-1', 'alert-2'], LEASE);
      expect(byId).toHaveBeenCalledTimes(1);
      expect(scan).not.toHaveBeenCalled();
    });

    it('claims alerts handed over during a round in the next round', async () => {
      const { worker, byId } = workerWithClaims();
      let release: (due: DueAlert[]) => void = () => undefined;
      byId.mockImplementationOnce(() => new Promise<DueAlert[]>((resolve) => (release = resolve)));
      worker.kick(['alert-1']);
      await vi.waitFor(() => expect(byId).toHaveBeenCalledTimes(1));
      worker.kick(['alert-2', 'alert-3']);
      release([]);
      await vi.waitFor(() => expect(byId).toHaveBeenCalledTimes(2));
      expect(byId.mock.calls.map(([ids]) => ids)).toEqual([['alert-1'], ['alert-2', 'alert-3']]);
    });
  });

  describe('when nothing was handed over', () => {
    it('polls for every due alert (retries, and alerts of a replica that died before delivering)', async () => {
      const { worker, byId, scan } = workerWithClaims();
      await worker.tick();
      worker.kick();
      await vi.waitFor(() => expect(scan).toHaveBeenCalledTimes(2));
      expect(scan).toHaveBeenCalledWith(200, LEASE);
      expect(byId).not.toHaveBeenCalled();
    });
  });
});
