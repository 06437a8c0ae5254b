import { beforeAll, describe, expect, inject, it } from "vitest";
import { signUp } from "../../scripts/app-process";

// The API's addresses as the production server answers them, redirects and all (next.config.js
// and the framework's routing decide these, so only a real server shows them): the annotation
// container at its IRI ending in "/", the address without the slash and former annotation IRIs
// redirecting with their method kept, other addresses' trailing slash redirected as before, and
// the JSON error for methods a route does not support and for unknown account routes.

const baseUrl = inject("baseUrl");
const SLUG = "second-east-turkistan-republic";
const CONTAINER = `/api/documents/${SLUG}/annotations/`;
const LD_JSON = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

let cookie: string;
let text: string;

const pathOf = (url: string | null) => (url === null ? null : new URL(url, baseUrl).pathname + new URL(url, baseUrl).search);
const manual = (path: string, init: RequestInit = {}) => fetch(`${baseUrl}${path}`, { ...init, redirect: "manual" });

function note(exact: string, value: string) {
  const start = text.indexOf(exact);
  return JSON.stringify({
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    motivation: "commenting",
    body: { type: "TextualBody", value },
    target: {
      source: `${baseUrl}/documents/${SLUG}`,
      selector: [
        { type: "TextQuoteSelector", exact },
        { type: "TextPositionSelector", start, end: start + exact.length },
      ],
    },
  });
}

beforeAll(async () => {
  cookie = await signUp(baseUrl, `api-addresses-${Date.now().toString(36)}@example.org`);
  text = ((await (await fetch(`${baseUrl}/api/documents/${SLUG}`)).json()) as { text: string }).text;
});

describe("the annotation container", () => {
  it("answers at its IRI ending in a slash, naming itself so (Content-Location, id), with an ETag, HEAD and OPTIONS", async () => {
    const response = await manual(CONTAINER);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; first: { items: Array<{ id: string }> } };
    expect(new URL(body.id).pathname).toBe(CONTAINER);
    expect(response.headers.get("content-location")).toBe(body.id);
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(response.headers.get("vary")).toMatch(/Prefer/);
    expect(body.first.items.every((item) => item.id.startsWith(body.id))).toBe(true);
    const head = await manual(CONTAINER, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(response.headers.get("etag"));
    const options = await manual(CONTAINER, { method: "OPTIONS" });
    expect(options.status).toBe(200);
    expect(options.headers.get("link")).toMatch(/ldp#BasicContainer/);
    expect(options.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
  });

  it("answers at the address without the slash too, naming its IRI, and takes a POST there", async () => {
    const get = await manual(`/api/documents/${SLUG}/annotations`);
    expect(get.status).toBe(200);
    expect(new URL(get.headers.get("content-location")!).pathname).toBe(CONTAINER);
    const page = await manual(`/api/documents/${SLUG}/annotations?motivation=identifying&page=1`);
    expect(page.status).toBe(200);
    expect(new URL(((await page.json()) as { prev: string }).prev).pathname).toBe(CONTAINER);
    const posted = await fetch(`${baseUrl}/api/documents/${SLUG}/annotations`, {
      method: "POST",
      headers: { "content-type": LD_JSON, cookie, slug: `addresses ${Date.now()}` },
      body: note("Ghulja", "Posted without the slash."),
    });
    expect(posted.status).toBe(201);
    const created = (await posted.json()) as { id: string };
    expect(new URL(created.id).pathname.startsWith(CONTAINER)).toBe(true);
    expect(new URL(created.id).pathname).toMatch(/\/addresses-\d+$/);
  });

  it("keeps its export and import routes beside the annotations", async () => {
    const exported = await manual(`${CONTAINER}export?format=csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/^text\/csv/);
    const imported = await manual(`${CONTAINER}import`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: "[]",
    });
    expect(imported.status).toBe(200);
  });
});

describe("an annotation's former IRI", () => {
  it("redirects permanently to its IRI in the container, and a PUT and a DELETE sent there still work", async () => {
    const created = (await (
      await fetch(`${baseUrl}${CONTAINER}`, {
        method: "POST",
        headers: { "content-type": LD_JSON, cookie },
        body: note("Sheng Shicai", "Moved."),
      })
    ).json()) as { id: string };
    const id = decodeURIComponent(new URL(created.id).pathname.split("/").pop()!);
    const former = `/api/annotations/${encodeURIComponent(id)}`;
    const redirect = await manual(former);
    expect(redirect.status).toBe(308);
    expect(pathOf(redirect.headers.get("location"))).toBe(new URL(created.id).pathname);
    const current = await fetch(`${baseUrl}${former}`);
    expect(current.status).toBe(200);
    const replaced = await fetch(`${baseUrl}${former}`, {
      method: "PUT",
      headers: { "content-type": LD_JSON, cookie, "if-match": current.headers.get("etag")! },
      body: note("Sheng Shicai", "Replaced at the former IRI."),
    });
    expect(replaced.status).toBe(200);
    const deleted = await fetch(`${baseUrl}${former}`, {
      method: "DELETE",
      headers: { cookie, "if-match": replaced.headers.get("etag")! },
    });
    expect(deleted.status).toBe(204);
    const gone = await manual(former);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});

describe("other addresses", () => {
  it("redirect a trailing slash away as before, pages and API alike", async () => {
    const page = await manual(`/documents/${SLUG}/`);
    expect(page.status).toBe(308);
    expect(pathOf(page.headers.get("location"))).toBe(`/documents/${SLUG}`);
    const api = await manual("/api/documents/");
    expect(api.status).toBe(308);
    expect(pathOf(api.headers.get("location"))).toBe("/api/documents");
  });

  it("answer a method their route does not support with 405, Allow and the JSON error", async () => {
    for (const [method, path, allow] of [
      ["DELETE", "/api/documents", "GET, HEAD, POST, OPTIONS"],
      ["POST", `${CONTAINER}export`, "GET, HEAD, OPTIONS"],
      ["GET", `${CONTAINER}import`, "POST, OPTIONS"],
      ["PUT", "/api/auth/sign-out", "GET, HEAD, POST, OPTIONS"],
      ["POST", `${CONTAINER}?page=0`, "GET, HEAD, OPTIONS"],
    ] as const) {
      const response = await manual(path, {
        method,
        headers: { "content-type": "application/json", cookie },
        body: method === "GET" ? undefined : "{}",
      });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get("allow"), `${method} ${path}`).toBe(allow);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
    }
  });

  it("answer a method no route can support with 400 and the JSON error", async () => {
    const response = await manual("/api/documents", { method: "PROPFIND" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });

  it("answer an account route better-auth does not know with 404 and the JSON error", async () => {
    const response = await manual("/api/auth/no-such-route");
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});
