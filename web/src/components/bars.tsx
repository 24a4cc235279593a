/** A horizontal bar chart with its numbers written out (the bars are decoration for sighted readers). */
import { formatNumber } from '../format';

export function Bars({
  items,
  unit,
}: {
  items: { key: string; label: string; value: number; note?: string }[];
  unit: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  if (items.length === 0) return <p className="meta">Chưa có số liệu.</p>;
  return (
    <ul className="bars">
      {items.map((i) => (
        <li key={i.key}>
          <span className="bar-label">{i.label}</span>
          <div className="bar-track" aria-hidden="true">
            <div className="bar" style={{ width: `${(i.value / max) * 100}%` }} />
          </div>
          <span className="bar-value">
            {formatNumber(i.value)} {unit}
            {i.note && <span className="meta"> ({i.note})</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
