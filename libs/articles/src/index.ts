export * from './article-submission.dto';
export * from './article-submission.service';
