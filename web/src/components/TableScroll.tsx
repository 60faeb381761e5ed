/**
 * The one way a table sits on a narrow screen (issue 17): inside a frame that scrolls sideways,
 * focusable and named, with a visible cue — a sentence and a shadow on the cut edge — whenever the
 * table is wider than the frame. A table that has a stacked layout on phones (rows as cards) fits,
 * and shows no cue.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function TableScroll({
  label,
  labelledBy,
  className,
  children,
}: {
  /** The table's name for the scrolling region (or labelledBy: the id of its heading). */
  label?: string;
  labelledBy?: string;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const cueId = useId();
  const frame = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of Array.from(element.children)) observer.observe(child);
    return () => observer.disconnect();
  }, []);

  return (
    <div className={`table-scroll${overflows ? ' is-cut' : ''}`}>
      {overflows && (
        <p className="table-scroll-cue" id={cueId}>
          <span aria-hidden="true">↔ </span>
          {t('dirReach.table.scrollCue')}
        </p>
      )}
      <div
        ref={frame}
        className={['table-wrap', className].filter(Boolean).join(' ')}
        role="region"
        aria-label={label}
        aria-labelledby={labelledBy}
        aria-describedby={overflows ? cueId : undefined}
        tabIndex={0}
      >
        {children}
      </div>
    </div>
  );
}
