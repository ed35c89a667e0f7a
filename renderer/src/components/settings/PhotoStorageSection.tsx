/**
 * Settings → Photo storage: the S3-compatible bucket photos are uploaded to.
 * The secret goes to main once and is never shown again; main keeps it only
 * for the endpoint it was saved with.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ObjectStoreSettings } from '../../../../shared/domain/attachments';
import { ApiError, call, errorText } from '../../api/client';
import { FormMessageLine, type FormMessage } from '../FormMessageLine';
import { PlainTextQuestion } from './PlainTextQuestion';

export function PhotoStorageSection() {
  const [saved, setSaved] = useState<ObjectStoreSettings | null>(null);
  const [form, setForm] = useState({ endpoint: '', bucket: '', region: 'us-east-1', accessKeyId: '', secret: '' });
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [confirmPlainText, setConfirmPlainText] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('settings.getObjectStore', {}).then(
      (s) => {
        setSaved(s);
        if (!s.usingDefault) setForm((f) => ({ ...f, endpoint: s.endpoint ?? '', bucket: s.bucket ?? '', region: s.region, accessKeyId: s.accessKeyId ?? '' }));
      },
      (e: unknown) => setMessage({ text: errorText(e), ok: false }),
    );
  }, []);

  const save = async (allowPlainTextSecret: boolean) => {
    setBusy(true);
    setMessage(null);
    try {
      const next = await call('settings.setObjectStore', {
        endpoint: form.endpoint.trim() === '' ? null : form.endpoint.trim(),
        bucket: form.bucket,
        region: form.region,
        accessKeyId: form.accessKeyId,
        ...(form.secret ? { secretAccessKey: form.secret } : {}),
        ...(allowPlainTextSecret ? { allowPlainTextSecret: true } : {}),
      });
      setSaved(next);
      setForm((f) => ({ ...f, secret: '' }));
      setConfirmPlainText(false);
      setMessage({
        text: next.hasSecret ? 'Photo storage saved. Waiting photos are sent now.' : 'Saved, but no secret is stored for this endpoint: enter the secret.',
        ok: next.hasSecret,
      });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TOKEN_STORAGE_INSECURE') setConfirmPlainText(true);
      else setMessage({ text: errorText(e), ok: false });
    } finally {
      setBusy(false);
    }
  };
  // Tests what is typed (fields left empty come from the saved settings, in main); the saved secret never comes here.
  const test = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await call('settings.testObjectStore', {
        ...(form.endpoint.trim() ? { endpoint: form.endpoint.trim() } : {}),
        ...(form.bucket.trim() ? { bucket: form.bucket.trim() } : {}),
        ...(form.region.trim() ? { region: form.region.trim() } : {}),
        ...(form.accessKeyId.trim() ? { accessKeyId: form.accessKeyId.trim() } : {}),
        ...(form.secret ? { secretAccessKey: form.secret } : {}),
      });
      setMessage({ text: result.message, ok: result.ok });
    } catch (e) {
      setMessage({ text: errorText(e), ok: false });
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
  });

  return (
    <section className="card stacked-form" aria-labelledby="photo-storage-heading">
      <h3 id="photo-storage-heading">Photo storage</h3>
      <p className="sync-detail">
        {saved?.usingDefault
          ? `Photos go to the local development store (${saved.endpoint ?? ''}, bucket ${saved.bucket ?? ''}) until a bucket is saved here.`
          : saved?.bucket
            ? `Photos go to bucket ${saved.bucket}${saved.hasSecret ? '' : ' (no secret stored: photos wait on this laptop)'}.`
            : 'No photo storage yet: photos wait on this laptop until a bucket is saved here.'}
      </p>
      <form onSubmit={submit}>
        <label>
          Endpoint
          <input {...field('endpoint')} placeholder="https://<account>.r2.cloudflarestorage.com (empty for AWS S3)" />
        </label>
        <label>
          Bucket
          <input {...field('bucket')} />
        </label>
        <label>
          Region
          <input {...field('region')} />
        </label>
        <label>
          Access key
          <input {...field('accessKeyId')} autoComplete="off" />
        </label>
        <label>
          Secret
          <input {...field('secret')} type="password" autoComplete="off" placeholder={saved?.hasSecret && !saved.usingDefault ? 'stored (type to replace)' : ''} />
        </label>
        {confirmPlainText ? (
          <PlainTextQuestion
            id="photo-plain-text-question"
            question="This computer has no secure storage for the secret; it would be kept in plain text. Save anyway?"
            confirmLabel="Save in plain text"
            cancelLabel="Cancel"
            busy={busy}
            onConfirm={() => void save(true)}
            onCancel={() => setConfirmPlainText(false)}
          />
        ) : null}
        <div className="sync-actions">
          <button type="submit" disabled={busy}>
            Save photo storage
          </button>
          <button type="button" disabled={busy} onClick={() => void test()}>
            Test photo storage
          </button>
        </div>
      </form>
      <FormMessageLine message={message} />
    </section>
  );
}
