/** A labelled progress bar (the native element, so assistive technology reads its value) with its figures in words. */
export function ProgressBar({ id, label, value, max, text }: { id: string; label: string; value: number | null; max: number; text: string }) {
  return (
    <div className="import-progress">
      <label htmlFor={id}>{label}</label>
      <progress id={id} max={max} {...(value === null ? {} : { value: Math.min(value, max) })} aria-describedby={`${id}-text`} />
      <span id={`${id}-text`} className="muted" aria-live="polite">
        {text}
      </span>
    </div>
  );
}
