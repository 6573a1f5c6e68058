import { seededRandom } from '@chronicle/domain';
import { newsArticle } from './news-corpus';

const VOCABULARY = (
  'harbour copper violet lantern marble orbit folds bridges river meadow signal pension tariff ferry granite budget canal orchard ' +
  'winter summit thunder railway library festival harvest glacier compass mirror anchor beacon canyon cedar circuit cobalt ' +
  'desert ember falcon forest galaxy garden harbor island jasmine juniper kettle ladder lagoon lemon lighthouse magnet maple ' +
  'meteor mountain nectar needle ocean olive opal paddle palace pepper pillar planet prairie quartz quiver rainbow raven ' +
  'ribbon saddle sapphire scarlet shadow silver sparrow spiral spruce statue storm sunrise tiger timber tunnel valley velvet ' +
  'village volcano walnut willow window zephyr amber arrow basket blossom breeze candle carpet castle cherry cloud coral ' +
  'cotton crystal dolphin dragon eagle feather fountain glove hammer helmet honey jacket jewel kingdom lantern lotus marble ' +
  'meadow mint moss nest orbit otter pebble pearl pine pocket puzzle rocket rose salmon shell spider stone sugar thistle'
).split(' ');

/** The actor every quoted article quotes: subscribe to her to get one alert per article. */
export const QUOTED_ACTOR = 'Ingrid Solberg';

export interface QuotedArticle {
  id: string;
  url: string;
  outlet: string;
  title: string;
  body: string;
}

/**
 * Article `i` of a run: a realistic wire story plus a quote by {@link QUOTED_ACTOR} that no
 * article before it said, so each raises exactly one alert.
 */
export function quotedArticle(i: number, idPrefix: string): QuotedArticle {
  const random = seededRandom(i * 7919 + 17);
  const words = Array.from({ length: 14 }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
  words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
  const background = newsArticle(i);
  const id = `${idPrefix}-${i}`;
  return {
    id,
    url: `https://wire.example/${id}`,
    outlet: ['Wire One', 'Daily Two', 'Courier Three'][i % 3]!,
    title: background.title,
    body: `OSLO (Wire) — Defence Minister ${QUOTED_ACTOR} spoke to reporters on Monday.\n"${words.join(' ')} ${i}," Solberg said.\n${background.body}`,
  };
}
