import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { createSubscription, updateSubscription } from '../api/chronicle';
import { ApiError, describeError } from '../api/errors';
import type { SentimentLabel, SubscriptionView } from '../api/types';
import { ErrorText } from '../components/status';
import { emptyForm, FormFields, formFromSubscription, inputFromForm, problemsByField } from './subscription-fields';

function Field(props: { id: string; label: string; hint?: string; errors?: string[]; children: ComponentChildren }) {
  return (
    <div class={`field${props.errors ? ' invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? (
        <p class="muted hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.errors?.map((message) => (
        <p class="field-error" id={`${props.id}-error`} key={message}>
          {message}
        </p>
      ))}
    </div>
  );
}

const describedBy = (id: string, hint: boolean, errors?: string[]) =>
  [hint ? `${id}-hint` : '', errors ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** Create or edit one subscription. The API validates; its 400 problems appear under the fields they name. */
export function SubscriptionForm({
  existing,
  onSaved,
}: {
  existing?: SubscriptionView;
  onSaved: (saved: SubscriptionView, secret?: string) => void;
}) {
  const [form, setForm] = useState<FormFields>(existing ? formFromSubscription(existing) : emptyForm());
  const [problems, setProblems] = useState<ReturnType<typeof problemsByField>>({ fields: {}, form: [] });
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const text = (name: keyof FormFields) => (event: Event) =>
    setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value });
  const errs = problems.fields;
  const prefix = existing ? `edit-${existing.id.slice(0, 8)}` : 'new';

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    setProblems({ fields: {}, form: [] });
    try {
      if (existing) onSaved(await updateSubscription(existing.id, inputFromForm(form, true)));
      else {
        const created = await createSubscription(inputFromForm(form, false));
        onSaved(created, created.channel === 'webhook' ? created.secret : undefined);
        setForm(emptyForm());
      }
    } catch (failure) {
      if (failure instanceof ApiError && failure.problems.length > 0) setProblems(problemsByField(failure.problems));
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  };

  const toggleLabel = (label: SentimentLabel) =>
    setForm({ ...form, labels: form.labels.includes(label) ? form.labels.filter((l) => l !== label) : [...form.labels, label] });

  return (
    <form
      class="card subscription-form"
      onSubmit={submit}
      noValidate
      aria-label={existing ? 'Edit subscription' : 'New subscription'}
    >
      <h2>{existing ? 'Edit subscription' : 'New subscription'}</h2>
      <Field id={`${prefix}-actors`} label="Who (names, comma-separated)" errors={errs.actors}>
        <input
          id={`${prefix}-actors`}
          name="actors"
          value={form.actors}
          onInput={text('actors')}
          aria-invalid={errs.actors ? true : undefined}
          aria-describedby={describedBy(`${prefix}-actors`, false, errs.actors)}
        />
      </Field>
      <Field
        id={`${prefix}-query`}
        label="Saying (optional query)"
        hint='Words, "phrases", AND, OR, NOT, prefix*'
        errors={errs.query}
      >
        <input
          id={`${prefix}-query`}
          name="query"
          value={form.query}
          onInput={text('query')}
          aria-invalid={errs.query ? true : undefined}
          aria-describedby={describedBy(`${prefix}-query`, true, errs.query)}
        />
      </Field>
      <Field id={`${prefix}-words`} label="Any of these words (optional, comma-separated)" errors={errs.words}>
        <input
          id={`${prefix}-words`}
          name="words"
          value={form.words}
          onInput={text('words')}
          aria-invalid={errs.words ? true : undefined}
          aria-describedby={describedBy(`${prefix}-words`, false, errs.words)}
        />
      </Field>
      <fieldset class="field">
        <legend>Kind</legend>
        {(['direct', 'indirect', 'any'] as const).map((kind) => (
          <label key={kind} class="inline">
            <input
              type="radio"
              name={`${prefix}-kinds`}
              value={kind}
              checked={form.kinds === kind}
              onChange={() => setForm({ ...form, kinds: kind })}
            />{' '}
            {kind === 'direct' ? 'Direct quotes' : kind === 'indirect' ? 'Reported speech' : 'Both'}
          </label>
        ))}
        {errs.kinds?.map((m) => (
          <p class="field-error" key={m}>
            {m}
          </p>
        ))}
      </fieldset>
      <div class="grid">
        <Field id={`${prefix}-include`} label="Only these outlets (optional)" errors={errs.include}>
          <input
            id={`${prefix}-include`}
            name="include"
            value={form.include}
            onInput={text('include')}
            aria-invalid={errs.include ? true : undefined}
            aria-describedby={describedBy(`${prefix}-include`, false, errs.include)}
          />
        </Field>
        <Field id={`${prefix}-exclude`} label="Not these outlets (optional)" errors={errs.exclude}>
          <input
            id={`${prefix}-exclude`}
            name="exclude"
            value={form.exclude}
            onInput={text('exclude')}
            aria-invalid={errs.exclude ? true : undefined}
            aria-describedby={describedBy(`${prefix}-exclude`, false, errs.exclude)}
          />
        </Field>
      </div>
      <fieldset class="field">
        <legend>Only with sentiment (optional)</legend>
        {(['negative', 'neutral', 'positive'] as const).map((label) => (
          <label key={label} class="inline">
            <input type="checkbox" checked={form.labels.includes(label)} onChange={() => toggleLabel(label)} /> {label}
          </label>
        ))}
        {errs.labels?.map((m) => (
          <p class="field-error" key={m}>
            {m}
          </p>
        ))}
      </fieldset>
      <fieldset class="field">
        <legend>Deliver to</legend>
        <label class="inline">
          <input
            type="radio"
            name={`${prefix}-channel`}
            value="stream"
            checked={form.channel === 'stream'}
            onChange={() => setForm({ ...form, channel: 'stream' })}
          />{' '}
          This dashboard (live stream)
        </label>
        <label class="inline">
          <input
            type="radio"
            name={`${prefix}-channel`}
            value="webhook"
            checked={form.channel === 'webhook'}
            onChange={() => setForm({ ...form, channel: 'webhook' })}
          />{' '}
          A webhook
        </label>
      </fieldset>
      {form.channel === 'webhook' ? (
        <Field id={`${prefix}-webhook`} label="Webhook URL" errors={errs.webhookUrl}>
          <input
            id={`${prefix}-webhook`}
            name="webhookUrl"
            type="url"
            value={form.webhookUrl}
            onInput={text('webhookUrl')}
            aria-invalid={errs.webhookUrl ? true : undefined}
            aria-describedby={describedBy(`${prefix}-webhook`, false, errs.webhookUrl)}
          />
        </Field>
      ) : null}
      {error ? <ErrorText>{error}</ErrorText> : null}
      {problems.form.length > 0 ? (
        <ul class="field-error">
          {problems.form.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <button type="submit" disabled={saving}>
        {saving ? 'Saving…' : existing ? 'Save changes' : 'Create subscription'}
      </button>
    </form>
  );
}
