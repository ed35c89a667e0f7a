/**
 * "Keep location" at capture: off by default, remembered for the workspace on
 * this laptop (in main, which applies it to every photo added here: picker,
 * drop, paste and camera alike).
 */
import { useEffect, useState } from 'react';
import { call, errorText } from '../../api/client';

export function KeepLocation() {
  const [keep, setKeep] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('attachments.captureSettings', {}).then(
      (s) => live && setKeep(s.keepLocation),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const change = (next: boolean) => {
    setKeep(next);
    call('attachments.setCaptureSettings', { keepLocation: next }).then(
      (s) => {
        setKeep(s.keepLocation);
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  };

  return (
    <span className="keep-location">
      <label>
        <input type="checkbox" checked={keep === true} disabled={keep === null} onChange={(e) => change(e.target.checked)} aria-describedby="keep-location-hint" />
        Keep location
      </label>
      <span id="keep-location-hint" className="hint">
        {keep ? 'Photos keep their GPS position (nothing else from the camera).' : 'Photos keep no position or camera details.'}
      </span>
      {error ? (
        <span role="alert" className="form-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
