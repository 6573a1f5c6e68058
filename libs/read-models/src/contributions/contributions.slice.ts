import { FoldedSlice } from '../read-model-slice';
import { ArticleContribution } from './fold';
import { contributionRows, ContributionsInPlaceFold } from './rows';

/**
 * What each article's analysis in place contributes: one mention row per actor and one row per
 * statement. Replaced as a whole when a newer version is analysed or the article is retracted;
 * every aggregate slice folds from these rows.
 */
export const contributionsSlice: FoldedSlice<ArticleContribution[]> = {
  name: 'contributions',
  tables: ['mentions', 'statements'],
  // Not the article indexes: replacing an article's contribution deletes its rows by article.
  indexesBuiltAfterLoad: [
    'statements_said_at_idx',
    'statements_speaker_time_idx',
    'statements_cluster_idx',
    'statements_search_idx',
    'statements_seq_idx',
    'statements_stream_idx',
  ],
  startFold: () => new ContributionsInPlaceFold(),
  rows: contributionRows,
};
