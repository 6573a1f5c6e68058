import { ReadModelSlice } from '../read-model-slice';

/**
 * What each article's analysis in place contributes: one mention row per actor and one row per
 * statement. Replaced as a whole when a newer version is analysed or the article is retracted;
 * every aggregate slice folds from these rows.
 */
export const contributionsSlice: ReadModelSlice = { name: 'contributions', tables: ['mentions', 'statements'] };
