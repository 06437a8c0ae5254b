import type { Metadata } from "next";
import { pageViewer } from "@/app/page-viewer";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { z } from "zod";
import { getDocumentClaims, type ClaimView } from "@/lib/claims/queries";
import {
  axisTicks,
  decadesWithDates,
  formatTimelineDate,
  fullSpan,
  layoutTimeline,
  tickStep,
  truncateLabel,
  yearsWithDates,
  zoomWindow,
  type Span,
  type TimelineDate,
  type TimelineMark,
  type Zoom,
} from "@/lib/claims/timeline-layout";
import { claimOriginText } from "@/lib/claims/claim-origin";
import { getDocument } from "@/lib/documents/queries";
import { ClaimOrigin } from "../_panels/claim-origin";
import { TimelineFigure } from "./timeline-figure";
import styles from "./timeline.module.css";
import { isId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?decade=1940` or `?year=1949`; anything else is ignored and the whole span is shown. */
const querySchema = z.object({
  decade: z
    .string()
    .regex(/^\d{3}0$/)
    .transform(Number)
    .optional()
    .catch(undefined),
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});

const load = cache(async (slug: string) => {
  if (!isId(slug)) return null;
  const viewer = await pageViewer();
  const [document, claims] = await Promise.all([getDocument(slug, viewer), getDocumentClaims(slug, viewer)]);
  return document && claims ? { document, claims } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load((await params).slug);
  return { title: loaded ? `Timeline of ${loaded.document.title}` : "Not found" };
}

type DatedClaim = ClaimView & { date: TimelineDate };
type Item = { id: string; date: TimelineDate; label?: string; claim: DatedClaim };

// Drawing geometry, in SVG user units. The whole span is crowded (most dates fall in six of its
// years), so its marks and lanes are smaller; a decade or a year has room, and a year's marks are
// labelled with their claims.
const WIDTH = 960;
const INSET = 28;
const TOP = 10;
const AXIS_ROOM = 34;
const GEOMETRY = {
  all: { half: 5, lane: 14, gap: 2 },
  decade: { half: 6, lane: 20, gap: 4 },
  year: { half: 6, lane: 20, gap: 4 },
} as const;
const LABEL_CHARACTERS = 26;

function zoomHref(slug: string, zoom: Zoom): string {
  const base = `/documents/${slug}/timeline`;
  if (zoom.kind === "decade") return `${base}?decade=${zoom.decade}`;
  if (zoom.kind === "year") return `${base}?year=${zoom.year}`;
  return base;
}

function describeWindow(zoom: Zoom, full: Span): string {
  if (zoom.kind === "decade") return `the ${zoom.decade}s`;
  if (zoom.kind === "year") return String(zoom.year);
  return `${full.start} to ${full.end - 1}`;
}

/** The shape of one mark: a circle for a day, a hatched interval for a month or year, a bar for a period. */
function Shape({ mark, y, half }: { mark: TimelineMark<Item>; y: number; half: number }) {
  if (mark.shape === "point") return <circle className={styles.point} cx={mark.cx} cy={y} r={half} />;
  const className = [mark.shape === "period" ? styles.period : styles.interval, mark.approximate ? styles.approximate : ""].join(" ");
  const fill = mark.shape === "period" ? undefined : mark.approximate ? "url(#timeline-hatch-approximate)" : "url(#timeline-hatch)";
  return (
    <>
      <rect className={className} x={mark.x1} y={y - half} width={mark.x2 - mark.x1} height={2 * half} rx={2} fill={fill} />
      {mark.clippedStart ? <path className={styles.clip} d={`M${mark.x1 - 1},${y - half} l-6,${half} l6,${half}z`} /> : null}
      {mark.clippedEnd ? <path className={styles.clip} d={`M${mark.x2 + 1},${y - half} l6,${half} l-6,${half}z`} /> : null}
    </>
  );
}

/** The patterns the intervals are filled with (shared by the legend's swatches). */
function Patterns() {
  return (
    <defs>
      <pattern id="timeline-hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">
        <rect className={styles.hatchBackground} width="5" height="5" />
        <line className={styles.hatchLine} x1="0" y1="0" x2="0" y2="5" />
      </pattern>
      <pattern id="timeline-hatch-approximate" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
        <rect className={styles.hatchBackgroundLight} width="8" height="8" />
        <line className={styles.hatchLine} x1="0" y1="0" x2="0" y2="8" />
      </pattern>
    </defs>
  );
}

function Legend() {
  const swatch = (child: ReactNode) => (
    <svg className={styles.swatch} viewBox="0 0 36 16" width="36" height="16" aria-hidden="true" focusable="false">
      {child}
    </svg>
  );
  return (
    <ul className={styles.legend} aria-label="Legend">
      <li>
        {swatch(<circle className={styles.point} cx="18" cy="8" r="6" />)}
        Exact day
      </li>
      <li>
        {swatch(<rect className={styles.interval} x="6" y="2" width="24" height="12" rx="2" fill="url(#timeline-hatch)" />)}
        Month or year only: the interval the date could fall in
      </li>
      <li>
        {swatch(
          <rect
            className={`${styles.interval} ${styles.approximate}`}
            x="1"
            y="2"
            width="34"
            height="12"
            rx="2"
            fill="url(#timeline-hatch-approximate)"
          />,
        )}
        Approximate (“about”, “mid-”, “early”): widened by a day, month or year on each side
      </li>
      <li>
        {swatch(<rect className={styles.period} x="2" y="2" width="32" height="12" rx="2" />)}
        Period: from its first date to its last
      </li>
    </ul>
  );
}

/** The evidence passages of a claim, each once, with the words the text uses. */
function Evidence({ slug, claim }: { slug: string; claim: ClaimView }) {
  const seen = new Set<string>();
  const items = claim.evidence.filter((e) => {
    const key = `${e.passageId} ${e.stance}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <ul className={styles.evidence}>
      {items.map((e) => (
        <li key={e.annotationId}>
          {/* A full navigation, so the browser scrolls to and highlights the passage (:target). */}
          <a href={`/documents/${slug}#${e.passageId}`}>{e.passageLabel}</a>
          {e.stance !== "supports" ? <span className={styles.stance}> ({e.stance})</span> : null}{" "}
          <q className={styles.quote}>{truncateLabel(e.exact, 90)}</q>
        </li>
      ))}
    </ul>
  );
}

// The timeline: every dated claim about the text on an axis, zoomable by decade and year, with
// the same claims as a table below. Server-rendered; a small client component adds arrow keys.
export default async function TimelinePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const loaded = await load(slug);
  if (!loaded) notFound();
  const { document, claims } = loaded;
  const dated = claims.filter((c): c is DatedClaim => c.date !== null);
  const undated = claims.length - dated.length;
  const dates = dated.map((c) => c.date);
  const full = fullSpan(dates);
  const decades = decadesWithDates(dates);
  const years = yearsWithDates(dates);

  const query = querySchema.parse(await searchParams);
  const zoom: Zoom =
    query.year !== undefined && years.includes(query.year)
      ? { kind: "year", year: query.year }
      : query.decade !== undefined && decades.includes(query.decade)
        ? { kind: "decade", decade: query.decade }
        : { kind: "all" };
  const isCurrent = (z: Zoom) => JSON.stringify(z) === JSON.stringify(zoom);

  const header = (
    <>
      <p className="breadcrumbs">
        <Link href={`/documents/${slug}`}>{document.title}</Link>
      </p>
      <h1>Timeline of the claims</h1>
    </>
  );
  if (!full) {
    return (
      <div className={styles.page}>
        {header}
        <p>No claim about this text has a date{claims.length > 0 ? "" : " yet"}.</p>
      </div>
    );
  }

  const view = zoomWindow(zoom, full);
  const items: Item[] = dated.map((claim) => ({
    id: claim.id,
    date: claim.date,
    claim,
    ...(zoom.kind === "year" ? { label: truncateLabel(claim.statement, LABEL_CHARACTERS) } : {}),
  }));
  const { half, lane: laneHeight, gap } = GEOMETRY[zoom.kind];
  const layout = layoutTimeline(items, { window: view, width: WIDTH, inset: INSET, radius: half, gap, minWidth: 2 * half, charWidth: 6.6 });
  const ticks = axisTicks(view, tickStep(zoom), layout.scale);
  const lanes = Math.max(layout.lanes, 1);
  const axisY = TOP + lanes * laneHeight + 4;
  const height = axisY + AXIS_ROOM;
  const laneY = (lane: number) => axisY - 4 - laneHeight / 2 - lane * laneHeight;
  const where = describeWindow(zoom, full);
  const shown = layout.marks.map((m) => m.item.claim);

  return (
    <div className={styles.page}>
      {header}
      <p>
        {dated.length} {dated.length === 1 ? "claim" : "claims"} about the text {dated.length === 1 ? "has a date" : "have dates"},{" "}
        {describeWindow({ kind: "all" }, full)}
        {undated > 0
          ? `; ${undated} more ${undated === 1 ? "has" : "have"} none and ${undated === 1 ? "is" : "are"} only in the reader`
          : ""}
        . Each mark opens its claim in the reader with the evidence highlighted.
      </p>

      <nav className={styles.zoom} aria-label="Zoom">
        <p className={styles.zoomRow}>
          <span className={styles.zoomName}>Show</span>
          <Link href={zoomHref(slug, { kind: "all" })} aria-current={isCurrent({ kind: "all" }) ? "true" : undefined}>
            all, {describeWindow({ kind: "all" }, full)}
          </Link>
          {decades.map((decade) => (
            <Link
              key={decade}
              href={zoomHref(slug, { kind: "decade", decade })}
              aria-current={isCurrent({ kind: "decade", decade }) ? "true" : undefined}
            >
              {decade}s
            </Link>
          ))}
        </p>
        <p className={styles.zoomRow}>
          <span className={styles.zoomName}>Year</span>
          {years.map((year) => (
            <Link
              key={year}
              href={zoomHref(slug, { kind: "year", year })}
              aria-current={isCurrent({ kind: "year", year }) ? "true" : undefined}
            >
              {year}
            </Link>
          ))}
        </p>
      </nav>

      <figure className={styles.figure}>
        <TimelineFigure>
          <svg
            className={styles.svg}
            viewBox={`0 0 ${WIDTH} ${height}`}
            role="group"
            aria-label={`Timeline of ${shown.length} dated ${shown.length === 1 ? "claim" : "claims"}, ${where}`}
            data-zoom={zoom.kind}
            data-window={`${view.start} ${view.end}`}
          >
            <Patterns />
            <g aria-hidden="true" className={styles.axis}>
              <line x1={INSET} x2={WIDTH - INSET} y1={axisY} y2={axisY} />
              {ticks.map((tick) => (
                <g key={tick.at}>
                  <line x1={tick.x} x2={tick.x} y1={axisY} y2={axisY + 6} />
                  <line className={styles.gridline} x1={tick.x} x2={tick.x} y1={TOP} y2={axisY} />
                  <text x={tick.x} y={axisY + 22} textAnchor="middle">
                    {tick.label}
                  </text>
                </g>
              ))}
            </g>
            {layout.marks.map((mark) => {
              const claim = mark.item.claim;
              const name = `${claim.statement} (${formatTimelineDate(claim.date)}), ${claimOriginText(claim)}`;
              const y = laneY(mark.lane);
              return (
                <a
                  key={claim.id}
                  href={`/documents/${slug}?claim=${claim.id}`}
                  className={styles.mark}
                  aria-label={name}
                  data-mark={claim.id}
                  data-shape={mark.shape}
                  data-precision={mark.precision}
                  data-approximate={mark.approximate ? "true" : "false"}
                  data-from={mark.nominal.start.toFixed(5)}
                  data-to={mark.nominal.end.toFixed(5)}
                  data-drawn-from={mark.drawn.start.toFixed(5)}
                  data-drawn-to={mark.drawn.end.toFixed(5)}
                  data-lane={mark.lane}
                >
                  <title>{name}</title>
                  <Shape mark={mark} y={y} half={half} />
                  <rect
                    className={styles.ring}
                    data-ring=""
                    x={mark.x1 - 3}
                    y={y - half - 3}
                    width={mark.x2 - mark.x1 + 6}
                    height={2 * half + 6}
                    rx={mark.shape === "point" ? half + 3 : 4}
                  />
                  {mark.label ? (
                    <text className={styles.label} x={mark.label.x} y={y + 4} textAnchor={mark.label.side === "left" ? "end" : "start"}>
                      {mark.label.text}
                    </text>
                  ) : null}
                </a>
              );
            })}
          </svg>
        </TimelineFigure>
        <figcaption>
          <Legend />
          <p className={styles.hint}>
            Tab to a mark; <kbd>←</kbd> and <kbd>→</kbd> step through the marks in date order, <kbd>Home</kbd> and <kbd>End</kbd> go to the
            first and last.
          </p>
        </figcaption>
      </figure>

      <h2 className={styles.listHeading}>
        {shown.length} dated {shown.length === 1 ? "claim" : "claims"}, {where}
      </h2>
      <table className={styles.table}>
        <caption className="visually-hidden">The claims on the timeline, in date order, with their evidence</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Claim</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((claim) => (
            <tr key={claim.id} data-claim-row={claim.id}>
              <td className={styles.date}>{formatTimelineDate(claim.date)}</td>
              <td>
                <a href={`/documents/${slug}?claim=${claim.id}`}>{claim.statement}</a> <ClaimOrigin claim={claim} />
              </td>
              <td>
                <Evidence slug={slug} claim={claim} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
