import type { Metadata } from "next";
import { pageViewer } from "@/app/page-viewer";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { getDocument } from "@/lib/documents/queries";
import { searchDocument } from "@/lib/search/search-document";
import type { SearchResult, SearchResultType, SnippetSegment } from "@/lib/search/types";
import { ResultsKeyboard } from "./results-keyboard";
import { SearchBox } from "./search-box";
import styles from "./search.module.css";
import { isId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const LIMIT = 50;
const queryParam = z.string().trim().max(200).catch("");
const loadDocument = cache(async (slug: string) => (isId(slug) ? getDocument(slug, await pageViewer()) : null));

const GROUPS: Array<{ type: SearchResultType; title: string }> = [
  { type: "entity", title: "Names" },
  { type: "claim", title: "Claims" },
  { type: "passage", title: "Passages" },
];

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const document = await loadDocument((await params).slug);
  if (!document) return { title: "Not found" };
  const raw = (await searchParams).q;
  const q = queryParam.parse(typeof raw === "string" ? raw : "");
  return { title: q ? `“${q}” in ${document.title}` : `Search ${document.title}` };
}

function Snippet({ segments }: { segments: SnippetSegment[] }) {
  return (
    <span className={styles.snippet}>
      {segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </span>
  );
}

function href(slug: string, result: SearchResult): string {
  if (result.type === "entity") return `/entities/${encodeURIComponent(result.id)}`;
  if (result.type === "claim") return `/documents/${slug}?claim=${encodeURIComponent(result.id)}`;
  return `/documents/${slug}#${result.id}`;
}

// Search within one document: server-rendered from `?q=`, so it works with JavaScript off.
export default async function SearchPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const document = await loadDocument(slug);
  if (!document) notFound();
  const raw = (await searchParams).q;
  const q = queryParam.parse(typeof raw === "string" ? raw : "");
  const response = q ? await searchDocument(slug, q, await pageViewer(), LIMIT) : null;
  const results = response?.results ?? [];

  return (
    <div className={styles.page}>
      <p className="breadcrumbs">
        <Link href={`/documents/${slug}`}>{document.title}</Link>
      </p>
      <h1>Search</h1>
      <SearchBox slug={slug} defaultValue={q} />
      {q ? (
        <p role="status" className={styles.status}>
          {results.length === 0
            ? `Nothing matches “${q}”.`
            : `${results.length}${results.length === LIMIT ? "+" : ""} ${results.length === 1 ? "result" : "results"} for “${q}”. Use the arrow keys to move through them.`}
        </p>
      ) : null}
      {GROUPS.map(({ type, title }) => {
        const group = results.filter((r) => r.type === type);
        if (group.length === 0) return null;
        return (
          <section key={type} aria-labelledby={`results-${type}`} className={styles.group}>
            <h2 id={`results-${type}`}>
              {title} <span className="legend-count">({group.length})</span>
            </h2>
            <ol className={styles.results}>
              {group.map((result) => (
                <li key={`${result.type}:${result.id}`}>
                  {/* A plain link: a full navigation, so the browser scrolls to and highlights the passage (:target). */}
                  <a href={href(slug, result)} data-search-result={result.type} className={styles.result}>
                    {result.type !== "entity" && result.label ? <span className={styles.label}>{result.label}</span> : null}
                    <Snippet segments={result.snippet} />
                  </a>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
      <ResultsKeyboard />
    </div>
  );
}
