/**
 * An activity's route as an SVG line (no map tiles: nothing is reachable offline). Positions are
 * projected equirectangularly around the route's mean latitude (longitude scaled by its cosine),
 * which is true to shape at the size of one activity.
 */
export function RouteSvg({
  route,
  label,
}: {
  route: ReadonlyArray<readonly [number, number]>;
  label: string;
}) {
  if (route.length < 2) return <p className="muted">No recorded positions.</p>;
  const meanLat = route.reduce((s, p) => s + p[0], 0) / route.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const xs = route.map((p) => p[1] * k);
  const ys = route.map((p) => -p[0]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const size = Math.max(maxX - minX, maxY - minY) || 1e-6;
  const pad = size * 0.05;
  const points = xs.map((x, i) => `${(x - minX).toFixed(6)},${(ys[i]! - minY).toFixed(6)}`).join(' ');
  const [sx, sy] = [points.split(' ')[0]!, points.split(' ').at(-1)!];
  return (
    <svg
      className="route"
      role="img"
      aria-label={label}
      viewBox={`${-pad} ${-pad} ${maxX - minX + 2 * pad} ${maxY - minY + 2 * pad}`}
      preserveAspectRatio="xMidYMid meet"
    >
      <polyline
        points={points}
        fill="none"
        stroke="#1d4ed8"
        strokeWidth={size / 150}
        strokeLinejoin="round"
      />
      <circle cx={sx.split(',')[0]} cy={sx.split(',')[1]} r={size / 80} fill="#047857">
        <title>start</title>
      </circle>
      <circle cx={sy.split(',')[0]} cy={sy.split(',')[1]} r={size / 80} fill="#b91c1c">
        <title>finish</title>
      </circle>
    </svg>
  );
}
