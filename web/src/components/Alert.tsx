import type { ReactNode, Ref } from 'react';

type AlertProps = {
  tone: 'error' | 'success' | 'info' | 'warning';
  title?: string;
  children: ReactNode;
  ref?: Ref<HTMLDivElement>;
};

/**
 * A message box. Errors use role="alert" so screen readers announce them at once; other tones use
 * role="status" (polite). Render it only when there is something to say.
 */
export function Alert({ tone, title, children, ref }: AlertProps) {
  return (
    <div
      ref={ref}
      className={`alert alert-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      aria-live={tone === 'error' ? 'assertive' : 'polite'}
      tabIndex={-1}
    >
      {title && <p className="alert-title">{title}</p>}
      <div className="alert-body">{children}</div>
    </div>
  );
}

/** A live region that is always present, so that messages put into it are announced. */
export function LiveRegion({ children }: { children: ReactNode }) {
  return (
    <div aria-live="polite" aria-atomic="true" className="live-region">
      {children}
    </div>
  );
}
