/**
 * A fixed-row-height virtual list: only the rows in view (plus a margin) are in
 * the DOM, so 100,000 jobs scroll as smoothly as 10. Asks for more rows as the
 * end comes into view. When the rows change underneath (a colleague's edit
 * arrived), the row at the top of the view stays at the top of the view.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  onNearEnd?: () => void;
  label: string;
  overscan?: number;
  /** Where to start (coming back to the list). */
  initialScrollTop?: number;
  onScrolled?: (scrollTop: number) => void;
}

export function VirtualList<T>({ items, rowHeight, getKey, renderRow, onNearEnd, label, overscan = 6, initialScrollTop = 0, onScrolled }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(initialScrollTop);
  const [height, setHeight] = useState(600);
  const previousItems = useRef(items);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && initialScrollTop > 0) element.scrollTop = initialScrollTop;
    // Only on mount: later positions are the worker's own scrolling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Rows replaced (not only appended): put the anchor row back where it was.
  useLayoutEffect(() => {
    const element = scroller.current;
    const before = previousItems.current;
    previousItems.current = items;
    if (!element || before === items) return;
    // The row that was at the top of the view, and how far it was scrolled past.
    const oldIndex = Math.floor(element.scrollTop / rowHeight);
    const kept = before[oldIndex];
    if (kept === undefined) return;
    const key = getKey(kept);
    if (oldIndex < items.length && getKey(items[oldIndex]!) === key) return;
    const index = items.findIndex((item) => getKey(item) === key);
    if (index < 0) return;
    const top = index * rowHeight + (element.scrollTop - oldIndex * rowHeight);
    if (Math.abs(element.scrollTop - top) >= 1) {
      element.scrollTop = top;
      setScrollTop(element.scrollTop);
    }
  }, [items, rowHeight, getKey]);

  const topIndex = Math.floor(scrollTop / rowHeight);
  const first = Math.max(0, topIndex - overscan);
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
    <div
      ref={scroller}
      className="virtual-scroller"
      onScroll={(e) => {
        setScrollTop(e.currentTarget.scrollTop);
        onScrolled?.(e.currentTarget.scrollTop);
      }}
      tabIndex={-1}
    >
      <ul aria-label={label} className="virtual-list" style={{ height: items.length * rowHeight }}>
        {rows}
      </ul>
    </div>
  );
}
