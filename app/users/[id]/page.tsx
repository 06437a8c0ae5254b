import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getProfile, PROFILE_ANNOTATIONS } from "@/lib/users/queries";
import styles from "./user.module.css";
import { isStorableText } from "@/lib/validation/text";
import { MOTIVATION_NAMES } from "@/lib/w3c/vocabulary";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/** The route's id, decoded when it is still percent-encoded (null when it cannot be). */
function decoded(id: string): string | null {
  try {
    return decodeURIComponent(id);
  } catch {
    return null;
  }
}

const load = cache(async (raw: string) => {
  const id = decoded(raw);
  return id !== null && id.length <= 200 && isStorableText(id) ? getProfile(id) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await load((await params).id);
  return { title: profile?.name ?? "Not found" };
}

// A reader (the `creator` IRI of their annotations): their name and their public annotations,
// each linked to its place in the reader. Never their email or their private annotations.
export default async function UserPage({ params }: Props) {
  const profile = await load((await params).id);
  if (!profile) notFound();
  return (
    <div className={styles.page}>
      <h1>{profile.name}</h1>
      <p>
        {profile.total === 0
          ? "No public annotations yet."
          : profile.total === 1
            ? "One public annotation."
            : `${profile.total} public annotations${profile.total > PROFILE_ANNOTATIONS ? `, the latest ${PROFILE_ANNOTATIONS} below` : ""}.`}
      </p>
      {profile.annotations.length > 0 ? (
        <ol className={styles.list}>
          {profile.annotations.map((a) => (
            <li key={a.id} className={styles.item} data-annotation={a.id} data-motivation={a.motivation}>
              <p className={styles.meta}>
                <span>{MOTIVATION_NAMES[a.motivation] ?? a.motivation}</span>
                {" · "}
                <a href={`/documents/${a.document.slug}#${encodeURIComponent(a.passage.id)}`}>
                  {a.document.title}, {a.passage.label}
                </a>
                {" · "}
                <time dateTime={a.created.toISOString()}>{a.created.toISOString().slice(0, 10)}</time>
              </p>
              <blockquote className={styles.quote}>
                <p>{a.exact}</p>
              </blockquote>
              {a.entity ? (
                <p>
                  Names <a href={`/entities/${encodeURIComponent(a.entity.id)}`}>{a.entity.name}</a>
                </p>
              ) : null}
              {a.text ? <p className={styles.text}>{a.text}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
