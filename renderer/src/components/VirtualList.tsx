/**
 * A fixed-row-height virtual list: only the rows in view (plus a margin) are in
 * the DOM, so 100,000 jobs scroll as smoothly as 10. Asks for more rows as the
 * end comes into view.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  onNearEnd?: () => void;
  label: string;
  overscan?: number;
}

export function VirtualList<T>({ items, rowHeight, getKey, renderRow, onNearEnd, label, overscan = 6 }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  useEffect(() => {
    if (onNearEnd && last >= items.length - overscan * 2) onNearEnd();
  }, [last, items.length, onNearEnd, overscan]);

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index]!;
    rows.push(
      <li key={getKey(item)} className="virtual-row" style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}>
        {renderRow(item, index)}
      </li>,
    );
  }

  return (
    <div ref={scroller} className="virtual-scroller" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} tabIndex={-1}>
      <ul aria-label={label} className="virtual-list" style={{ height: items.length * rowHeight }}>
        {rows}
      </ul>
    </div>
  );
}
