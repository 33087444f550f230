import { type ComponentProps, type ReactNode } from 'react';
import { LockIcon } from './Icons.js';

interface Common {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  restricted?: boolean;
  className?: string;
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** Label, hint and error around one control; the error sits right under its field. */
function Shell({ id, label, error, hint, required, restricted, className, children }: Common & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true" className="required"> *</span>}
        {restricted && (
          <span className="badge badge-restricted">
            <LockIcon />
          </span>
        )}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} className="field-error" data-field-error={id}>
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = Common & Omit<ComponentProps<'input'>, 'id'>;
export function TextField({ id, label, error, hint, required, restricted, className, ...rest }: InputProps) {
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required} restricted={restricted} className={className}>
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} aria-required={required || undefined} {...rest} />
    </Shell>
  );
}

type TextAreaProps = Common & Omit<ComponentProps<'textarea'>, 'id'>;
export function TextAreaField({ id, label, error, hint, required, restricted, className, ...rest }: TextAreaProps) {
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required} restricted={restricted} className={className}>
      <textarea id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest} />
    </Shell>
  );
}

type SelectProps = Common & Omit<ComponentProps<'select'>, 'id'> & { options: { value: string; label: string }[]; placeholder?: string };
export function SelectField({ id, label, error, hint, required, restricted, className, options, placeholder, ...rest }: SelectProps) {
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required} restricted={restricted} className={className}>
      <select id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

type CheckboxProps = Omit<Common, 'required'> & Omit<ComponentProps<'input'>, 'id' | 'type'>;
export function CheckboxField({ id, label, error, hint, className, ...rest }: CheckboxProps) {
  return (
    <div className={`field field-checkbox${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <input id={id} name={id} type="checkbox" aria-describedby={describedBy(id, error, hint)} {...rest} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" data-field-error={id}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The problems that belong to no single field, and the count of those that do. */
export function ErrorSummary({ title, messages, id = 'form-errors' }: { title: string; messages: string[]; id?: string }) {
  return (
    <div id={id} className="error-summary" role="alert" tabIndex={-1}>
      <p>
        <strong>{title}</strong>
      </p>
      {messages.length > 0 && (
        <ul>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
