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

/** A labelled text input with its hint and its error tied to it: the sign-in, forgot and reset forms' one field. */
export function TextField(props: {
  id: string
  label: string
  type: 'email' | 'password' | 'text'
  autoComplete: string
  value: string
  onChange: (value: string) => void
  error?: string
  hint?: string
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type}
        autoComplete={props.autoComplete}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...fieldProps(props.id, props.error, hintId)}
      />
      {hintId && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
      <FieldError id={props.id} message={props.error} />
    </div>
  )
}

/** A form's own error (not a field's), announced at once; the form names it with `aria-describedby={id}`. */
export function FormError({ id, message }: { id: string; message?: string }) {
  if (!message) return null
  return (
    <p id={id} className="error" role="alert">
      {message}
    </p>
  )
}
