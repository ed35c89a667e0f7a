/** The job's inspection: start it from a template, answer items, sign off, reopen. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ITEM_RESULTS, photoMissingMessage, type Inspection, type InspectionItem, type ItemResult } from '../../../../shared/domain/inspections';
import type { ChecklistTemplate } from '../../../../shared/domain/templates';
import { inspectionsContract } from '../../../../shared/contract/inspections';
import { call, errorText } from '../../api/client';
import { parseDecimal } from '../../forms/decimal';
import { FieldNote, fieldAria } from '../../forms/FieldNote';
import { useDraftForm } from '../../forms/use-draft-form';
import { formatDateTime } from '../../format';
import { useNav } from '../../store/nav-store';
import type { Attachment } from '../../../../shared/domain/attachments';
import { PhotoStrip } from '../photos/PhotoStrip';
import { SignaturePad, type SignaturePadHandle } from '../photos/SignaturePad';
import { ItemMeasureAndComment, RESULT_LABELS } from './item-answer';


interface ChecklistPanelProps {
  jobId: string;
  inspection: Inspection | null;
  onChanged: (inspection: Inspection) => void;
  onError: (message: string) => void;
  /** Photos of the job (items show theirs) and signatures of this checklist's sign-offs, newest last. */
  photos?: { jobTitle: string; jobPhotos: Attachment[]; signatures: Attachment[]; onChanged: () => void };
}

export function ChecklistPanel({ jobId, inspection, onChanged, onError, photos }: ChecklistPanelProps) {
  const signaturePad = useRef<SignaturePadHandle>(null);
  const [templates, setTemplates] = useState<ChecklistTemplate[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [busy, setBusy] = useState(false);
  const navigate = useNav((s) => s.navigate);

  useEffect(() => {
    if (inspection) return;
    void call('templates.list', {}).then((list) => {
      setTemplates(list);
      setTemplateId((current) => current || list[0]?.id || '');
    });
  }, [inspection]);

  // Saves run one after another, in the order the worker made them: a comment
  // saved on blur must land before the "Sign off" clicked right after it.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const run = (action: () => Promise<Inspection>) => {
    setBusy(true);
    const next = queue.current.then(async () => {
      try {
        onChanged(await action());
      } catch (error) {
        onError(errorText(error));
      }
    });
    queue.current = next;
    void next.then(() => {
      if (queue.current === next) setBusy(false);
    });
  };

  if (!inspection) {
    return (
      <section className="card" aria-labelledby="checklist-heading">
        <h3 id="checklist-heading">Checklist</h3>
        {templates.length === 0 ? (
          <p className="empty">
            No checklist templates yet.{' '}
            <button type="button" className="link" onClick={() => navigate({ screen: 'settings' })}>
              Create one in Settings
            </button>
          </p>
        ) : (
          <div className="inline-form">
            <label htmlFor="template-select">Checklist template</label>
            <select id="template-select" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.items.length} items)
                </option>
              ))}
            </select>
            <button
              type="button"
              className="primary"
              disabled={busy || !templateId}
              onClick={() => run(() => call('inspections.start', { jobId, templateId }))}
            >
              Start checklist
            </button>
          </div>
        )}
      </section>
    );
  }

  const signed = inspection.signedOffAt !== null;
  // Failed items that need a photo and have none; main refuses the sign-off for these too.
  const hasPhoto = (itemId: string) => photos?.jobPhotos.some((a) => a.ownerType === 'inspection_item' && a.ownerId === itemId) ?? true;
  const needPhoto = inspection.items.filter((i) => i.result === 'fail' && i.photoOnFail && !hasPhoto(i.id));
  const answered = inspection.items.filter((i) => i.result !== null).length;
  const failed = inspection.items.filter((i) => i.result === 'fail').length;
  return (
    <section className="card" aria-labelledby="checklist-heading">
      <div className="card-header">
        <h3 id="checklist-heading">Checklist: {inspection.templateName}</h3>
        <span className="count">
          {answered} of {inspection.items.length} answered{failed > 0 ? ` · ${failed} failed` : ''}
        </span>
      </div>
      {signed ? (
        <p className="signed-off" role="status">
          ✓ Signed off by {inspection.signedOffBy} on {formatDateTime(inspection.signedOffAt)}. Read-only until reopened.
        </p>
      ) : null}
      <ol className="checklist">
        {inspection.items.map((item) => (
          <ChecklistItem
            key={item.id}
            item={item}
            inspectionId={inspection.id}
            signed={signed}
            readOnly={signed}
            photoMissing={needPhoto.includes(item)}
            onSave={(change) => run(() => call('inspections.setItem', { inspectionId: inspection.id, itemId: item.id, ...change }))}
            photos={
              photos ? (
                <PhotoStrip
                  jobTitle={photos.jobTitle}
                  ownerType="inspection_item"
                  ownerId={item.id}
                  jobPhotos={photos.jobPhotos}
                  readOnly={signed}
                  onChanged={photos.onChanged}
                  label={`Photos of item ${item.label}`}
                  part={`item ${item.label}`}
                />
              ) : null
            }
          />
        ))}
      </ol>
      {photos ? <Signatures signatures={photos.signatures} signed={signed} /> : null}
      {photos && !signed ? <SignaturePad ref={signaturePad} /> : null}
      <div className="actions">
        {signed ? (
          <button type="button" className="secondary" onClick={() => run(() => call('inspections.reopen', { id: inspection.id }))}>
            Reopen checklist
          </button>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              disabled={answered < inspection.items.length}
              onClick={() =>
                run(async () => {
                  // Refused before the signature is attached, in main's words: a refused sign-off leaves no stray signature.
                  if (needPhoto.length > 0) throw new Error(photoMissingMessage(needPhoto.map((i) => i.label)));
                  // The drawn signature is attached to the sign-off first: a sign-off never lacks the signature it was given.
                  const signature = signaturePad.current?.capture() ?? null;
                  if (signature) await call('attachments.add', { ownerType: 'sign_off', ownerId: inspection.id, data: signature });
                  const next = await call('inspections.signOff', { id: inspection.id });
                  signaturePad.current?.clear();
                  photos?.onChanged();
                  return next;
                })
              }
            >
              Sign off checklist
            </button>
            {answered < inspection.items.length ? (
              <span className="hint">Answer every item to sign off ({inspection.items.length - answered} left).</span>
            ) : needPhoto.length > 0 ? (
              <span className="hint">{photoMissingMessage(needPhoto.map((i) => i.label))}</span>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}

interface ItemChange {
  result?: ItemResult | null;
  comment?: string;
  measurement?: number | null;
  unit?: string;
}

interface ChecklistItemProps {
  item: InspectionItem;
  inspectionId: string;
  /** Signed off: show the answers as text, not as empty disabled inputs. */
  signed: boolean;
  readOnly: boolean;
  /** Answered Fail, it needs a photo and has none. */
  photoMissing: boolean;
  onSave: (change: ItemChange) => void;
  photos?: ReactNode;
}

const itemInput = inspectionsContract['inspections.setItem'].input.shape;
const ITEM_FIELDS = { comment: { schema: itemInput.comment }, measurement: {}, unit: { schema: itemInput.unit } };

function ChecklistItem({ item, inspectionId, signed, readOnly, photoMissing, onSave, photos }: ChecklistItemProps) {
  const form = useDraftForm({
    // Typed but not yet saved (saving happens on leaving the field): kept like any draft.
    draftKey: readOnly ? null : `checklist:${inspectionId}:${item.id}`,
    feature: 'inspections',
    fields: ITEM_FIELDS,
    initial: { comment: item.comment, measurement: item.measurement === null ? '' : String(item.measurement), unit: item.unit },
    formId: `item-${item.id}`,
  });
  const idBase = `item-${item.id}`;

  const saveText = (field: 'comment' | 'unit') => {
    const text = form.values[field];
    if (!form.validateField(field)) return;
    if (text !== item[field]) onSave({ [field]: text });
    form.savedFields({ [field]: text });
  };

  const saveMeasurement = () => {
    const parsed = parseDecimal(form.values.measurement, navigator.language);
    if (!parsed.ok) {
      form.setError('measurement', parsed.error);
      return;
    }
    form.setError('measurement', null);
    if (parsed.value !== item.measurement) onSave({ measurement: parsed.value });
    form.savedFields({ measurement: parsed.value === null ? '' : String(parsed.value) });
  };

  return (
    <li id={idBase} className={`checklist-item result-${item.result ?? 'none'}${photoMissing ? ' photo-missing' : ''}`}>
      <fieldset disabled={readOnly} aria-describedby={item.photoOnFail ? `${idBase}-photo-rule` : undefined}>
        <legend>{item.label}</legend>
        {item.photoOnFail ? (
          <p id={`${idBase}-photo-rule`} className={photoMissing ? 'photo-required' : 'hint'}>
            {photoMissing ? 'Photo required: this item failed, attach a photo of it.' : 'A photo is required if this item fails.'}
          </p>
        ) : null}
        <div className="result-choices">
          {ITEM_RESULTS.map((result) => (
            <label key={result} className={`choice choice-${result}`}>
              <input
                type="radio"
                name={idBase}
                value={result}
                checked={item.result === result}
                onChange={() => onSave({ result })}
              />
              {RESULT_LABELS[result]}
            </label>
          ))}
        </div>
        {signed ? (
          <div className="item-readonly">
            <ItemMeasureAndComment item={item} />
          </div>
        ) : (
          <div className="item-details">
            <label>
              Comment
              <input
                value={form.values.comment}
                {...fieldAria(form, 'comment', `${idBase}-comment`)}
                onChange={(e) => form.set('comment', e.target.value)}
                onBlur={() => saveText('comment')}
              />
            </label>
            <label>
              Measurement
              <input
                inputMode="decimal"
                value={form.values.measurement}
                {...fieldAria(form, 'measurement', `${idBase}-measurement`)}
                onChange={(e) => form.set('measurement', e.target.value)}
                onBlur={saveMeasurement}
              />
            </label>
            <label className="unit">
              Unit
              <input
                value={form.values.unit}
                placeholder="e.g. ms"
                {...fieldAria(form, 'unit', `${idBase}-unit`)}
                onChange={(e) => form.set('unit', e.target.value)}
                onBlur={() => saveText('unit')}
              />
            </label>
          </div>
        )}
        <FieldNote form={form} field="comment" id={`${idBase}-comment`} />
        <FieldNote form={form} field="measurement" id={`${idBase}-measurement`} />
        <FieldNote form={form} field="unit" id={`${idBase}-unit`} />
      </fieldset>
      {photos}
    </li>
  );
}

/** The signature of the current sign-off, and the ones before it (reopening keeps them). */
function Signatures({ signatures, signed }: { signatures: Attachment[]; signed: boolean }) {
  if (signatures.length === 0) return null;
  const current = signed ? signatures[signatures.length - 1]! : null;
  const earlier = current ? signatures.slice(0, -1) : signatures;
  return (
    <div className="signatures">
      {current?.thumbnail ? <img className="signature-image" src={current.thumbnail} alt={`Signed by ${current.createdBy}`} /> : null}
      {earlier.length > 0 ? (
        <details>
          <summary>Earlier sign-offs ({earlier.length})</summary>
          <ul>
            {earlier.map((s) => (
              <li key={s.id}>
                {s.thumbnail ? <img className="signature-image" src={s.thumbnail} alt={`Earlier sign-off by ${s.createdBy}, ${formatDateTime(s.createdAt)}`} /> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
