/**
 * A drawn signature (mouse, pen or finger through pointer events), kept as a
 * PNG attached to the sign-off. `capture()` gives the PNG as base64, or null
 * while nothing is drawn.
 */
import { forwardRef, useImperativeHandle, useRef, useState, type PointerEvent } from 'react';

export interface SignaturePadHandle {
  capture(): string | null;
  clear(): void;
}

const WIDTH = 480;
const HEIGHT = 160;

export const SignaturePad = forwardRef<SignaturePadHandle, { disabled?: boolean }>(function SignaturePad({ disabled }, ref) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(false);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) * WIDTH) / rect.width, y: ((e.clientY - rect.top) * HEIGHT) / rect.height };
  };
  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    setDrawn(false);
  };
  useImperativeHandle(ref, () => ({
    capture: () => (drawn && canvas.current ? canvas.current.toDataURL('image/png').split(',')[1]! : null),
    clear,
  }));

  return (
    <div className="signature">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label="Signature"
        className="signature-pad"
        style={{ touchAction: 'none' }}
        onPointerDown={(e) => {
          if (disabled) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = point(e);
        }}
        onPointerMove={(e) => {
          const from = last.current;
          const ctx = canvas.current?.getContext('2d');
          if (!from || !ctx || disabled) return;
          const to = point(e);
          ctx.strokeStyle = '#111';
          ctx.lineWidth = 2.5;
          ctx.lineCap = 'round';
          ctx.beginPath();
          ctx.moveTo(from.x, from.y);
          ctx.lineTo(to.x, to.y);
          ctx.stroke();
          last.current = to;
          setDrawn(true);
        }}
        onPointerUp={() => (last.current = null)}
        onPointerCancel={() => (last.current = null)}
      />
      <button type="button" className="secondary" disabled={disabled || !drawn} onClick={clear}>
        Clear signature
      </button>
    </div>
  );
});
