/** Small helpers so every input names its error the same way: aria-invalid plus aria-describedby → the message. */

export const errorId = (inputId: string) => `${inputId}-error`

/** `hintId`: a description that stays (e.g. how a time is read), announced together with any error. */
export const fieldProps = (inputId: string, error: string | undefined, hintId?: string) => {
  const describedBy = [error ? errorId(inputId) : undefined, hintId].filter(Boolean).join(' ')
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined }
}

/** The message under the field that caused it. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null
  return (
    <p id={errorId(id)} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  )
}

/** A form-level outcome: errors are announced at once, success politely. */
export function Notice({ kind, children }: { kind: 'error' | 'success' | 'info'; children: React.ReactNode }) {
  return (
    <p className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  )
}
