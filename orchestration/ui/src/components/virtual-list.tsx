import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/** A long list rendered a screenful at a time (TanStack Virtual): 100,000 rows stay fast. */
export function VirtualList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  label: string;
  render(item: T): ReactNode;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: props.items.length,
    getScrollElement: () => parent.current,
    estimateSize: () => props.rowHeight,
    overscan: 20,
  });
  return (
    <div ref={parent} className="virtual" role="log" aria-label={props.label} tabIndex={0}>
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((row) => (
          <div
            key={row.key}
            className="virtual-row"
            style={{ transform: `translateY(${row.start}px)`, height: props.rowHeight }}
          >
            {props.render(props.items[row.index]!)}
          </div>
        ))}
      </div>
    </div>
  );
}
