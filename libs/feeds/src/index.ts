export * from './feed-parse-error';
export * from './feed-entry';
export * from './decode-feed-bytes';
export * from './feed-dates';
export * from './parse-feed';
export * from './extract-article';
export * from './article-from-entry';
export * from './poll-schedule';
