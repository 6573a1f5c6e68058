import type { ComponentChildren } from 'preact';
import type { StatementView } from '../api/types';
import { actorPath, articlePath, formatDateTime, formatScore, plural } from './format';

type Fragment = { text: string; match: boolean };

export function SentimentBadge({ sentiment }: { sentiment: { score: number; label: string } }) {
  return (
    <span class={`badge sentiment-${sentiment.label}`} title={`Sentiment score ${formatScore(sentiment.score)}`}>
      {sentiment.label} {formatScore(sentiment.score)}
    </span>
  );
}

/**
 * Who said or did something: the actor, linked; else the article's description of an unnamed source, marked so;
 * else `children` (how the caller says nobody is named).
 */
export function SpeakerName({
  speaker,
  unnamedSpeaker,
  children,
}: {
  speaker: { id: string; name: string } | null;
  unnamedSpeaker: string | null;
  children: ComponentChildren;
}) {
  if (speaker) return <a href={actorPath(speaker.id)}>{speaker.name}</a>;
  if (!unnamedSpeaker) return <>{children}</>;
  return (
    <span class="unnamed" title="An unnamed source, as the article describes it">
      {unnamedSpeaker} (unnamed)
    </span>
  );
}

/** "First said by <outlet> · carried by N outlets", from the statement's near-duplicate cluster. */
export function Reach({ reach, outlet }: { reach: StatementView['reach']; outlet: string | null }) {
  if (!reach) return null;
  const first = reach.firstOutlet ?? outlet;
  const when = reach.firstSeen ? ` (${formatDateTime(reach.firstSeen)})` : '';
  // Articles posted without an outlet count for no outlet: say when it was first seen, not "carried by 0 outlets".
  if (!first) return <p class="reach">First seen{when} in an article without an outlet</p>;
  return (
    <p class="reach">
      First said by <strong>{first}</strong>
      {when} · carried by {plural(reach.outletCount, 'outlet')}
    </p>
  );
}

/** A statement with its speaker, source and reach; `fragments` (search hits) mark what matched. */
export function StatementCard({
  statement,
  fragments,
  title,
}: {
  statement: StatementView;
  fragments?: Fragment[];
  title?: string | null;
}) {
  return (
    <article class="card statement" data-statement-id={statement.id}>
      <blockquote class={`quote kind-${statement.kind}`}>
        {fragments && fragments.length > 0
          ? fragments.map((fragment, i) =>
              fragment.match ? <mark key={i}>{fragment.text}</mark> : <span key={i}>{fragment.text}</span>,
            )
          : statement.text}
      </blockquote>
      <p class="meta">
        <SpeakerName speaker={statement.speaker} unnamedSpeaker={statement.unnamedSpeaker}>
          <span>Unattributed</span>
        </SpeakerName>
        <span class="badge">{statement.kind === 'direct' ? 'direct quote' : 'reported speech'}</span>
        <SentimentBadge sentiment={statement.sentiment} />
        <span>{formatDateTime(statement.saidAt)}</span>
      </p>
      <p class="source">
        <a href={articlePath(statement.articleId, statement.id)}>{title ?? 'Read in the article'}</a>
        {statement.outlet ? ` · ${statement.outlet}` : ''}
      </p>
      <Reach reach={statement.reach} outlet={statement.outlet} />
    </article>
  );
}
