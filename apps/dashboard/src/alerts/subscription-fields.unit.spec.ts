import { describe, expect, it } from 'vitest';
import { emptyForm, inputFromForm, problemsByField } from './subscription-fields';

describe(problemsByField.name, () => {
  describe("when the API's 400 names fields, nested paths and none", () => {
    it('puts each message under the form field it names, the rest on the form', () => {
      const sorted = problemsByField([
        { path: 'actors', message: 'Array must contain at least 1 element(s)' },
        { path: 'outlets.include.0', message: 'String must contain at least 1 character(s)' },
        { path: 'outlets.exclude', message: 'Expected array' },
        { path: 'sentiment', message: 'give at least one of "labels", "below", "above", "toward"' },
        { path: 'secret', message: 'must start with whsec_' },
        { path: 'channelz', message: 'Unrecognized key' },
        { path: '', message: 'give at least one field to change' },
      ]);
      expect(sorted.fields).toEqual({
        actors: ['Array must contain at least 1 element(s)'],
        include: ['String must contain at least 1 character(s)'],
        exclude: ['Expected array'],
        labels: ['give at least one of "labels", "below", "above", "toward"'],
        webhookUrl: ['must start with whsec_'],
      });
      expect(sorted.form).toEqual(['channelz: Unrecognized key', 'give at least one field to change']);
    });
  });
});

describe(inputFromForm.name, () => {
  const form = { ...emptyForm(), actors: ' Donald Trump, ,Zelenskyy\n', include: 'Example Wire' };

  it('sends lists without blanks and leaves empty conditions out of a new subscription', () => {
    expect(inputFromForm(form, false)).toEqual({
      actors: ['Donald Trump', 'Zelenskyy'],
      kinds: ['direct'],
      outlets: { include: ['Example Wire'] },
      channel: 'stream',
    });
  });

  it('sends null for emptied conditions of an edit, so the PATCH removes them', () => {
    expect(inputFromForm(form, true)).toMatchObject({ query: null, words: null, sentiment: null, webhookUrl: null });
  });
});
