import { ArticleLifecycleEvent, PositionedEvent } from '@chronicle/contracts';
import { describe, expect, it } from 'vitest';
import { articlesToWithdraw, foldArticleLifecycle } from './fold';

const content = (articleId: string, title: string) => ({
  articleId,
  url: null,
  outlet: 'Wire One',
  title,
  body: 'Body',
  publishedAt: null,
  language: null,
  receivedAt: '2026-01-01T00:00:00.000Z',
});
const envelope = { version: 1, occurredAt: '2026-01-01T00:00:00.000Z', metadata: { correlationId: 'c', causationId: null } };
const at = (offset: string, event: ArticleLifecycleEvent): PositionedEvent<ArticleLifecycleEvent> => ({
  event,
  offset,
  key: event.data.articleId,
});
const submitted = (offset: string, id: string, title = 'First') =>
  at(offset, { ...envelope, id: `s${offset}`, type: 'ArticleSubmitted', data: content(id, title) });
const revised = (offset: string, id: string, title = 'Second') =>
  at(offset, { ...envelope, id: `r${offset}`, type: 'ArticleRevised', data: content(id, title) });
const retracted = (offset: string, id: string, reason?: string) =>
  at(offset, {
    ...envelope,
    id: `x${offset}`,
    type: 'ArticleRetracted',
    data: { articleId: id, retractedAt: '2026-01-02T00:00:00.000Z', ...(reason === undefined ? {} : { reason }) },
  });

describe(foldArticleLifecycle.name, () => {
  describe('when an article is submitted then revised in one batch', () => {
    it('keeps the revised content and marks it revised', () => {
      const [change] = foldArticleLifecycle([submitted('1', 'a1'), revised('2', 'a1')]);
      expect(change).toMatchObject({
        id: 'a1',
        status: 'revised',
        content: { title: 'Second', contentOffset: '2' },
        retraction: null,
      });
    });
  });

  describe('when an article is submitted then retracted', () => {
    it('keeps its content and records the retraction at its offset', () => {
      const [change] = foldArticleLifecycle([submitted('1', 'a1'), retracted('4', 'a1')]);
      expect(change).toMatchObject({ status: 'retracted', content: { title: 'First' }, retraction: { retractedOffset: '4' } });
    });
  });

  describe('when a retraction gives a reason', () => {
    it('records it (and null when none is given)', () => {
      const [withReason, without] = foldArticleLifecycle([retracted('4', 'a1', 'legal request'), retracted('5', 'a2')]);
      expect(withReason!.retraction).toEqual({
        id: 'a1',
        retractedOffset: '4',
        retractedAt: '2026-01-02T00:00:00.000Z',
        reason: 'legal request',
      });
      expect(without!.retraction).toMatchObject({ id: 'a2', reason: null });
    });
  });

  describe('when a batch touches several articles in any order', () => {
    it('gives one change per article in lock order (by id)', () => {
      const events = [submitted('1', 'c'), submitted('2', 'a'), submitted('3', 'd'), revised('4', 'b'), retracted('5', 'a')];
      expect(foldArticleLifecycle(events).map((c) => [c.id, c.status])).toEqual([
        ['a', 'retracted'],
        ['b', 'revised'],
        ['c', 'live'],
        ['d', 'live'],
      ]);
    });
  });

  describe('when a retracted article is submitted again', () => {
    it('is live again, and the retraction still bars analyses of the versions before it', () => {
      const [change] = foldArticleLifecycle([retracted('4', 'a1'), submitted('6', 'a1', 'Back')]);
      expect(change).toMatchObject({ status: 'live', content: { title: 'Back' }, retraction: { retractedOffset: '4' } });
    });
  });

  describe('when the same events are folded twice', () => {
    it('gives the same changes (idempotent), sorted by article id', () => {
      const events = [submitted('1', 'b'), submitted('2', 'a'), retracted('3', 'b')];
      expect(foldArticleLifecycle([...events, ...events])).toEqual(foldArticleLifecycle(events));
      expect(foldArticleLifecycle(events).map((c) => c.id)).toEqual(['a', 'b']);
    });
  });
});

describe(articlesToWithdraw.name, () => {
  const state = (id: string, analysisOffset: string | null) => ({
    id,
    analysisOffset,
    retractedOffset: null,
    contributedOutlet: 'Wire One',
    contributedAt: '2026-01-01T00:00:00.000Z',
  });

  describe('given analysed articles, when a batch retracts them', () => {
    it('withdraws those whose analysed version precedes the retraction only', () => {
      const changes = foldArticleLifecycle([retracted('5', 'old'), retracted('5', 'newer'), retracted('5', 'never-analysed')]);
      const withdrawn = articlesToWithdraw(changes, [state('old', '1'), state('newer', '9'), state('never-analysed', null)]);
      expect(withdrawn.map((s) => s.id)).toEqual(['old']);
    });
    it('withdraws an article whose analysed version is the retraction offset itself, and none the batch did not retract', () => {
      const changes = foldArticleLifecycle([submitted('4', 'submitted-only'), retracted('5', 'at-offset')]);
      const withdrawn = articlesToWithdraw(changes, [
        state('submitted-only', '1'),
        state('at-offset', '5'),
        state('elsewhere', '1'),
      ]);
      expect(withdrawn.map((s) => s.id)).toEqual(['at-offset']);
    });
  });
});
