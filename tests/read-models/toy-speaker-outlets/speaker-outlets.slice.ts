import { AggregateSlice } from '@chronicle/read-models';
import { deriveSpeakerOutlets } from './derive';
import { SpeakerOutletChange, SpeakerOutletsFold } from './fold';
import { speakerOutletRows } from './rows';
import { encodeSpeakerOutlets, writeSpeakerOutlets } from './write';

/**
 * A toy read model for the README's "How to add a read model": statements per speaker and
 * outlet. A real one would live in libs/read-models/src/speaker-outlets/, with a migration for
 * its table and one line in AGGREGATE_SLICES.
 */
export const speakerOutletsSlice: AggregateSlice<'speakerOutlets', SpeakerOutletChange[], string[]> = {
  name: 'speakerOutlets',
  tables: ['speaker_outlets'],
  startFold: () => new SpeakerOutletsFold(),
  encode: encodeSpeakerOutlets,
  write: writeSpeakerOutlets,
  derive: deriveSpeakerOutlets,
  rows: speakerOutletRows,
};

/** What its migration would create. */
export const SPEAKER_OUTLETS_TABLE_SQL = `CREATE TABLE speaker_outlets (
  speaker_id text NOT NULL, outlet text NOT NULL, statements int NOT NULL, PRIMARY KEY (speaker_id, outlet))`;
