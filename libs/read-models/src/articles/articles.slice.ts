import { ReadModelSlice } from '../read-model-slice';

/**
 * One row per article: content and status from the articles topic, and which analysis is in
 * place (its contribution is in the mention and statement rows). Written first in every batch:
 * its rows are the locks that order replacements of one article.
 */
export const articlesSlice: ReadModelSlice = {
  name: 'articles',
  tables: ['articles'],
  // Only `GET /v1/actors/:id/stances` reads it; writes find articles by id.
  indexesBuiltAfterLoad: ['articles_stances_idx'],
};
