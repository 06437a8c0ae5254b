import type { MapDrawing, MapPoint } from "@/lib/maps/draw-map";
import styles from "./places-map.module.css";

type Props = {
  drawing: MapDrawing;
  /** What the map shows, for screen readers ("Map of the 14 places the text names"). */
  label: string;
  /** A point's accessible name ("Ghulja, 12 mentions"). */
  pointName: (point: MapPoint) => string;
  /** Where a point leads; without it the points are not links (a map of one place). */
  href?: (point: MapPoint) => string;
  className?: string;
};

/**
 * A map drawn on the server (lib/maps/draw-map.ts) as inline SVG, in the page's colours (light
 * and dark): the land, the borders, and a point per place. With `href`, each point is a link,
 * visited by Tab west to east, named by `pointName`.
 */
export function PlacesMap({ drawing, label, pointName, href, className }: Props) {
  const { width, height, land, borders, points, fontSize } = drawing;
  const linked = href !== undefined;
  return (
    <svg
      className={[styles.map, className].filter(Boolean).join(" ")}
      viewBox={`0 0 ${width} ${height}`}
      role={linked ? "group" : "img"}
      aria-label={label}
      data-map=""
    >
      <g aria-hidden="true">
        <rect className={styles.water} width={width} height={height} />
        {land ? <path className={styles.land} d={land} /> : null}
        {borders ? <path className={styles.borders} d={borders} /> : null}
      </g>
      {points.map((point) => {
        const name = pointName(point);
        const marks = (
          <>
            <circle className={styles.point} cx={point.x} cy={point.y} r={point.r} />
            <circle className={styles.ring} cx={point.x} cy={point.y} r={point.r + 3} />
            {point.label ? (
              <text className={styles.label} x={point.label.x} y={point.label.y} textAnchor={point.label.anchor} fontSize={fontSize}>
                {point.place.name}
              </text>
            ) : null}
          </>
        );
        return linked ? (
          <a key={point.place.id} className={styles.place} href={href(point)} aria-label={name} data-place={point.place.id}>
            <title>{name}</title>
            {marks}
          </a>
        ) : (
          <g key={point.place.id} className={styles.place} aria-hidden="true" data-place={point.place.id}>
            {marks}
          </g>
        );
      })}
    </svg>
  );
}
