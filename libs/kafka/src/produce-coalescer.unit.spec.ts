import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProduceCoalescer, TopicChunk } from './produce-coalescer';

interface Sized {
  id: number;
  size: number;
}

/** A producer whose requests stay in flight until the test acknowledges or fails them. */
function manualProducer() {
  const requests: Array<{ chunks: TopicChunk<Sized>[]; ack: () => void; fail: (error: Error) => void }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = (chunks: TopicChunk<Sized>[]) =>
    new Promise<void>((resolve, reject) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const settle = (then: () => void) => () => {
        inFlight -= 1;
        then();
      };
      requests.push({ chunks, ack: settle(resolve), fail: (error) => settle(() => reject(error))() });
    });
  return { requests, send, maxInFlight: () => maxInFlight };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(ProduceCoalescer.name, () => {
  it('sends a chunk offered while idle at once, alone', async () => {
    const producer = manualProducer();
    const coalescer = new ProduceCoalescer(producer.send, 100);
    const sent = coalescer.send({ topic: 'a', messages: [{ id: 1, size: 10 }] });
    expect(producer.requests).toHaveLength(1);
    producer.requests[0]!.ack();
    await sent;
  });

  it('carries every chunk offered meanwhile in the next requests, in order, within the size limit, one request at a time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 40 }), async (sizes) => {
        const producer = manualProducer();
        const coalescer = new ProduceCoalescer(producer.send, 100);
        const done = sizes.map((size, id) => coalescer.send({ topic: id % 2 ? 'a' : 'b', messages: [{ id, size }] }));
        let acknowledged = 0;
        while (acknowledged < producer.requests.length) {
          producer.requests[acknowledged]!.ack();
          acknowledged += 1;
          await tick();
        }
        await Promise.all(done);
        const requests = producer.requests.map((r) => r.chunks.flatMap((chunk) => chunk.messages));
        expect(requests.flat().map((m) => m.id)).toEqual(sizes.map((_, id) => id));
        for (const request of requests) {
          const bytes = request.reduce((sum, m) => sum + m.size, 0);
          expect(request.length === 1 || bytes <= 100).toBe(true);
        }
        expect(producer.maxInFlight()).toBe(1);
        // The first goes alone; everything offered while it was in flight shares requests.
        if (sizes.length > 2 && sizes.slice(1, 3).reduce((a, b) => a + b, 0) <= 100)
          expect(requests.length).toBeLessThan(sizes.length);
      }),
    );
  });

  it('fails the chunks of a failed request and every chunk waiting behind it, then serves new ones', async () => {
    const producer = manualProducer();
    const coalescer = new ProduceCoalescer(producer.send, 20);
    const first = coalescer.send({ topic: 'a', messages: [{ id: 1, size: 10 }] });
    const second = coalescer.send({ topic: 'a', messages: [{ id: 2, size: 15 }] });
    const third = coalescer.send({ topic: 'a', messages: [{ id: 3, size: 15 }] });
    producer.requests[0]!.ack();
    await first;
    await tick();
    expect(producer.requests).toHaveLength(2);
    producer.requests[1]!.fail(new Error('broker gone'));
    await expect(second).rejects.toThrow('broker gone');
    await expect(third).rejects.toThrow('broker gone');
    expect(producer.requests).toHaveLength(2);
    const later = coalescer.send({ topic: 'a', messages: [{ id: 4, size: 1 }] });
    expect(producer.requests).toHaveLength(3);
    producer.requests[2]!.ack();
    await later;
  });
});
