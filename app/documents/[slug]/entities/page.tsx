import type { Metadata } from "next";
import { pageViewer } from "@/app/page-viewer";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDocument } from "@/lib/documents/queries";
import { ENTITY_KINDS, ENTITY_KIND_LABELS } from "@/lib/entities/entity-kinds";
import { getDocumentEntities } from "@/lib/entities/queries";
import { IndexFilter } from "./index-filter";
import { isId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const querySchema = z.object({
  sort: z.enum(["name", "frequency"]).catch("name"),
  q: z.string().max(200).catch(""),
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const document = await getDocument((await params).slug, await pageViewer());
  return { title: document ? `Names in ${document.title}` : "Not found" };
}

/** Case- and accent-insensitive form for filtering. */
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();

// The index of names: every entity the document mentions, grouped by kind, sortable and filterable.
export default async function EntityIndexPage({ params, searchParams }: Props) {
  const { slug } = await params;
  if (!isId(slug)) notFound();
  const viewer = await pageViewer();
  const [document, entities] = await Promise.all([getDocument(slug, viewer), getDocumentEntities(slug, viewer)]);
  if (!document || !entities) notFound();
  const raw = await searchParams;
  const { sort, q } = querySchema.parse({ sort: raw.sort, q: typeof raw.q === "string" ? raw.q : "" });
  const needle = fold(q.trim());
  const passageLabels = new Map(document.passages.map((p) => [p.id, p.label]));

  const shown = entities
    .filter((e) => !needle || [e.name, ...e.aliases].some((text) => fold(text).includes(needle)))
    .sort((a, b) => (sort === "frequency" ? b.mentions.length - a.mentions.length : 0) || a.name.localeCompare(b.name));
  const sortLink = (value: "name" | "frequency") => `?${new URLSearchParams({ sort: value, ...(q ? { q } : {}) })}`;

  return (
    <div className="entity-index">
      <p className="breadcrumbs">
        <Link href={`/documents/${slug}`}>{document.title}</Link>
      </p>
      <h1>Names in the text</h1>
      <p>
        {entities.length} people, places, organisations, groups, events and documents, named{" "}
        {entities.reduce((sum, e) => sum + e.mentions.length, 0)} times.
      </p>
      <form className="index-controls" method="get" role="search">
        <input type="hidden" name="sort" value={sort} />
        <IndexFilter defaultValue={q} />
        <noscript>
          <button type="submit">Filter</button>
        </noscript>
        <p className="sort-links">
          Sort by{" "}
          <Link href={sortLink("name")} aria-current={sort === "name" ? "true" : undefined}>
            name
          </Link>{" "}
          ·{" "}
          <Link href={sortLink("frequency")} aria-current={sort === "frequency" ? "true" : undefined}>
            mentions
          </Link>
        </p>
      </form>
      {shown.length === 0 ? <p role="status">No name matches “{q}”.</p> : null}
      {ENTITY_KINDS.map((kind) => {
        const rows = shown.filter((e) => e.kind === kind);
        if (rows.length === 0) return null;
        return (
          <table key={kind} className="entity-table" data-kind={kind}>
            <caption>
              <span className="swatch" data-kind={kind} aria-hidden="true" />
              {ENTITY_KIND_LABELS[kind]} <span className="legend-count">({rows.length})</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Also written</th>
                <th scope="col" className="count">
                  Mentions
                </th>
                <th scope="col">First</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} data-entity-row={e.id} data-filter-text={fold([e.name, ...e.aliases].join(" | "))}>
                  <th scope="row">
                    <Link href={`/entities/${e.id}`}>{e.name}</Link>
                  </th>
                  <td className="aliases">{e.aliases.join(", ")}</td>
                  <td className="count">{e.mentions.length}</td>
                  <td>
                    {/* A full navigation, so the browser scrolls to and highlights the passage (:target). */}
                    <a href={`/documents/${slug}#${e.mentions[0].passageId}`}>{passageLabels.get(e.mentions[0].passageId)}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
