import { Fragment } from 'preact';
import { useRoute } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { getArticle } from '../api/chronicle';
import type { ArticleView as Article } from '../api/types';
import { actorPath, formatDateTime, formatScore, plural } from '../components/format';
import { SentimentBadge, SpeakerName } from '../components/statement-card';
import { Await } from '../components/status';
import { useAsync } from '../components/use-async';
import { segmentArticle } from './segments';
import './article.css';

/** Newlines become paragraph breaks (spans, so a break inside a quote keeps the quote's markup around it). */
function Lines({ text }: { text: string }) {
  const lines = text.split('\n');
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <span class="para-break" /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}

function ArticleText({ article }: { article: Article }) {
  const segments = segmentArticle(article.body, article.statements, article.actors);
  const quoteEnds = new Map<number, number>();
  segments.forEach((segment, i) => segment.statement !== undefined && quoteEnds.set(segment.statement, i));
  return (
    <div class="article-body">
      {segments.map((segment, i) => {
        const statement = segment.statement === undefined ? undefined : article.statements[segment.statement];
        const actor = segment.actor === undefined ? undefined : article.actors[segment.actor];
        let piece = actor ? (
          <a
            class={`actor-mark sentiment-${actor.sentiment.label}`}
            href={actorPath(actor.id)}
            title={`${actor.name}: sentiment toward them ${formatScore(actor.sentiment.score)} (${actor.sentiment.label})`}
          >
            {segment.text}
          </a>
        ) : (
          <Lines text={segment.text} />
        );
        if (statement) {
          const first = i === 0 || segments[i - 1]!.statement !== segment.statement;
          piece = (
            <mark
              class={`quote-mark sentiment-${statement.sentiment.label}`}
              id={first ? `s-${statement.id}` : undefined}
              data-statement-id={statement.id}
            >
              {piece}
            </mark>
          );
          if (quoteEnds.get(segment.statement!) === i) {
            piece = (
              <>
                {piece}
                <span class="speaker-tag" data-speaker-for={statement.id}>
                  <SpeakerName speaker={statement.speaker} unnamedSpeaker={statement.unnamedSpeaker}>
                    unattributed
                  </SpeakerName>
                  {' · '}
                  {statement.kind === 'direct' ? 'quote' : 'reported'} · {statement.sentiment.label}{' '}
                  {formatScore(statement.sentiment.score)}
                </span>
              </>
            );
          }
        }
        return <span key={i}>{piece}</span>;
      })}
    </div>
  );
}

function ArticlePage({ article }: { article: Article }) {
  useEffect(() => {
    if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView({ block: 'center' });
  }, [article.id]);
  return (
    <>
      <header class="view-head">
        <h1 tabIndex={-1}>{article.title}</h1>
        <p class="meta">
          {article.outlet ?? 'Unknown outlet'} · {formatDateTime(article.publishedAt ?? article.receivedAt)}
          {article.status !== 'live' ? <span class="badge warn"> {article.status}</span> : null}
          {article.url ? (
            <>
              {' · '}
              <a href={article.url} rel="noreferrer noopener" target="_blank">
                Original
              </a>
            </>
          ) : null}
        </p>
      </header>
      <div class="two-col">
        <ArticleText article={article} />
        <aside class="card" aria-labelledby="article-actors">
          <h2 id="article-actors">Who is in it</h2>
          {article.actors.length === 0 ? <p>No actors were found in this article.</p> : null}
          <ul class="plain">
            {article.actors.map((actor) => (
              <li key={actor.id}>
                <a href={actorPath(actor.id)}>{actor.name}</a>{' '}
                <span class="muted">
                  {actor.role ?? actor.kind} · {plural(actor.mentions, 'mention')}
                </span>{' '}
                <SentimentBadge sentiment={actor.sentiment} />
              </li>
            ))}
          </ul>
          <h2>Statements</h2>
          <p class="muted">{article.statements.length} found; each is highlighted in the text with its speaker.</p>
          <p class="legend">
            <mark class="quote-mark sentiment-negative">negative</mark> <mark class="quote-mark sentiment-neutral">neutral</mark>{' '}
            <mark class="quote-mark sentiment-positive">positive</mark>
          </p>
          <h2 id="article-stances">Stances</h2>
          <p class="muted">
            {article.stances.length === 0
              ? 'None found.'
              : 'What a speaker is reported to criticise, praise, call or decline, in no words of their own: not statements, so never alerted on.'}
          </p>
          <ul class="plain stance-list" aria-labelledby="article-stances">
            {article.stances.map((stance) => (
              <li key={`${stance.start}-${stance.end}`}>
                <SpeakerName speaker={stance.speaker} unnamedSpeaker={stance.unnamedSpeaker}>
                  <span class="muted">unattributed</span>
                </SpeakerName>{' '}
                <span class="stance-cue">{stance.cue}</span> <q>{stance.text}</q> <SentimentBadge sentiment={stance.sentiment} />
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </>
  );
}

export function ArticleView() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const article = useAsync((signal) => getArticle(id, signal), [id]);
  return (
    <section class="view">
      <Await value={article} what="the article">
        {(data) => <ArticlePage article={data} />}
      </Await>
    </section>
  );
}
