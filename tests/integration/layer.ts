import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { DELETE as annotationDelete, GET as annotationGet, PUT as annotationPut } from "@/app/api/documents/[slug]/annotations/[id]/route";
import { GET as collectionGet, POST as collectionPost } from "@/app/api/documents/[slug]/annotations/route";
import { getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { signUp, type Account } from "./accounts";
import { makeContentFolder } from "./helpers";

// What the tests of the readers' layer (replies, privacy, entities, claims) share.

export const ORIGIN = "http://gloss.test";
export const ANNO = "http://www.w3.org/ns/anno.jsonld";
export const LD_JSON = `application/ld+json; profile="${ANNO}"`;

export const slugParams = (slug: string) => ({ params: Promise.resolve({ slug }) });
export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
/** The route parameters of an annotation's IRI: its document and its id. */
export const annotationParams = (slug: string, id: string) => ({ params: Promise.resolve({ slug, id }) });

/** A request to `path` of the test origin, with a JSON body (as `type`), the account's cookie and extra headers. */
export function request(
  path: string,
  options: { method?: string; body?: unknown; account?: Account; type?: string | null; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined && options.type !== null) headers["content-type"] = options.type ?? "application/json";
  if (options.account) headers.cookie = options.account.cookie;
  const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  return new Request(`${ORIGIN}${path}`, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

/** Signs up an account and makes it an editor. */
export async function signUpEditor(email: string): Promise<Account> {
  const account = await signUp(email);
  await getDb().user.update({ where: { id: account.id }, data: { role: "editor" } });
  return account;
}

/** Imports content files (name to markdown) into the test database; returns the folder (to remove) and the current text of each document. */
export async function importContent(files: Record<string, string>) {
  const dir = makeContentFolder(files);
  const texts: Record<string, string> = {};
  for (const name of Object.keys(files).filter((n) => n.endsWith(".md"))) {
    const result = await importDocument(getDb(), path.join(dir, name));
    texts[result.slug] = (await getDb().documentVersion.findFirstOrThrow({ where: { hash: result.version } })).text;
  }
  return { dir, texts, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The last path segment of an absolute URL, decoded. */
export const idOf = (url: string) => decodeURIComponent(new URL(url).pathname.split("/").pop()!);

/** The annotation routes of one document, called as a client would. */
export function annotationClient(slug: string) {
  const post = (body: unknown, account?: Account) =>
    collectionPost(request(`/api/documents/${slug}/annotations/`, { body, account, type: LD_JSON }), slugParams(slug));
  const at = (id: string) => `/api/documents/${slug}/annotations/${encodeURIComponent(id)}`;
  return {
    post,
    /** POSTs and expects 201; the new annotation, its id and ETag. */
    async create(body: unknown, account: Account) {
      const response = await post(body, account);
      expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
      const annotation = await response.json();
      return { id: idOf(annotation.id), annotation, etag: response.headers.get("etag")! };
    },
    get: (id: string, account?: Account) => annotationGet(request(at(id), { account }), annotationParams(slug, id)),
    put: (id: string, body: unknown, account: Account | undefined, ifMatch: string | null = "*") =>
      annotationPut(
        request(at(id), {
          method: "PUT",
          body,
          account,
          type: LD_JSON,
          headers: ifMatch === null ? {} : { "if-match": ifMatch },
        }),
        annotationParams(slug, id),
      ),
    remove: (id: string, account: Account | undefined, ifMatch: string | null = "*") =>
      annotationDelete(
        request(at(id), {
          method: "DELETE",
          account,
          headers: ifMatch === null ? {} : { "if-match": ifMatch },
        }),
        annotationParams(slug, id),
      ),
    /** The collection's first page as `account` sees it (with `query`, e.g. "motivation=replying"). */
    async list(account?: Account, query = "") {
      const response = await collectionGet(
        request(`/api/documents/${slug}/annotations/${query ? `?${query}` : ""}`, { account }),
        slugParams(slug),
      );
      expect(response.status).toBe(200);
      return (await response.json()) as { total: number; first: { items: Array<Record<string, unknown> & { id: string }> } };
    },
  };
}

/** A W3C annotation on the first occurrence of `exact` in `text` (document `slug`). */
export function onText(slug: string, text: string, exact: string, extra: Record<string, unknown> = {}, from = 0) {
  const start = text.indexOf(exact, from);
  expect(start, exact).toBeGreaterThanOrEqual(0);
  return {
    "@context": ANNO,
    type: "Annotation",
    motivation: "commenting",
    body: { type: "TextualBody", value: `On ${exact}.`, format: "text/plain" },
    target: {
      source: `${ORIGIN}/documents/${slug}`,
      selector: [
        { type: "TextQuoteSelector", exact },
        { type: "TextPositionSelector", start, end: start + exact.length },
      ],
    },
    ...extra,
  };
}

/** A reply to the annotation at `iri` (the target given as `form`: the IRI, `{ id }` or `{ source }`). */
export function replyTo(iri: string, value: string, extra: Record<string, unknown> = {}, form: "iri" | "id" | "source" = "iri") {
  return {
    "@context": ANNO,
    type: "Annotation",
    motivation: "replying",
    body: { type: "TextualBody", value, format: "text/markdown" },
    target: form === "iri" ? iri : form === "id" ? { id: iri } : { type: "SpecificResource", source: iri },
    ...extra,
  };
}

/** The ids of a collection's items. */
export const itemIds = (collection: { first: { items: Array<{ id: string }> } }) => collection.first.items.map((a) => idOf(a.id));
