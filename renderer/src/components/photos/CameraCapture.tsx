/**
 * "Take photo": the camera in a dialog, asked for only when the worker
 * presses the button (main allows video, for this page only). The frame is
 * captured as a JPEG and added like a picked file.
 */
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../api/client';

interface CameraCaptureProps {
  onCapture: (jpeg: Blob) => Promise<void>;
  onClose: () => void;
}

export function CameraCapture({ onCapture, onClose }: CameraCaptureProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let live = true;
    navigator.mediaDevices
      .getUserMedia({ video: true, audio: false })
      .then((s) => {
        stream = s;
        if (!live) return s.getTracks().forEach((t) => t.stop());
        if (video.current) video.current.srcObject = s;
        setReady(true);
      })
      .catch((e: unknown) => live && setProblem(`The camera could not be opened (${errorText(e)}). Pick a photo file instead.`));
    return () => {
      live = false;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  const capture = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (!blob) return setProblem('The camera gave no picture; try again.');
        void onCapture(blob).then(onClose);
      },
      'image/jpeg',
      0.92,
    );
  };

  return (
    <div className="photo-viewer" role="dialog" aria-modal="true" aria-label="Camera">
      <div className="photo-viewer-body">
        <video ref={video} autoPlay playsInline muted aria-label="Camera preview" />
        {problem ? <p role="alert">{problem}</p> : null}
        <div className="actions">
          <button type="button" className="primary" disabled={!ready} onClick={capture}>
            Capture photo
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
