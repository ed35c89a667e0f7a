/** How an action went: a status line when it went well, an alert when not. */

export interface FormMessage {
  text: string;
  ok: boolean;
}

/** A status line when it went well, an alert when not; nothing without a message. */
export function FormMessageLine({ message }: { message: FormMessage | null }) {
  if (!message) return null;
  return (
    <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'sync-detail' : 'form-error'}>
      {message.text}
    </p>
  );
}
