/** A QR code drawn from the server's rows: one SVG path, dark on white whatever the theme (scanners need it). */
import { useMemo, type ReactNode } from 'react';

/** The SVG path of the dark modules of `rows` ('1' dark), one unit per module. */
export function qrPath(rows: readonly string[]): string {
  let path = '';
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '1') path += `M${x} ${y}h1v1h-1z`;
  });
  return path;
}

/** The QR code, `size` CSS pixels square (or any CSS length), labelled for screen readers. */
export function QrCode({
  rows,
  label,
  className,
}: {
  readonly rows: readonly string[];
  readonly label: string;
  readonly className?: string;
}): ReactNode {
  const path = useMemo(() => qrPath(rows), [rows]);
  const size = rows.length;
  return (
    <svg
      className={className}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
