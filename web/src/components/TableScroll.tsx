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
    // Showing the cue restyles the frame, which may change what it holds: the answer is kept
    // while the room stays the same (one answer per width), else the two states can take turns
    // for ever — the page jumping under the reader's finger.
    let width = -1;
    let cut = false;
    const measure = () => {
      const room = element.parentElement?.clientWidth ?? element.clientWidth;
      if (Math.abs(room - width) > 2) {
        width = room;
        cut = false;
      }
      cut ||= element.scrollWidth > element.clientWidth + 1;
      setOverflows(cut);
    };
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
