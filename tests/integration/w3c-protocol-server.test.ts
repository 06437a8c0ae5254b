import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { signUp, type Account } from "./accounts";
import { fetchApi } from "./api-router";
import { editionPath } from "./helpers";

// The W3C's own server tests of the Web Annotation Protocol, in our words: every assertion of
// web-platform-tests annotation-protocol/server/server-musts-manual.html and
// server-shoulds-manual.html (their [RECOMMENDED] forms also appear in server-manual.html), one
// test each, named after the assertion it checks. Those pages are run by a person who types a
// container URL and an annotation URL; here the container is the seed document's, the annotation
// one a signed-in reader made, and every request goes through the real route handlers (as Next.js
// dispatches them) and PostgreSQL, following redirects as the pages' XMLHttpRequest does.
//
// Where Gloss has to differ from the pages:
// - Their test annotation targets http://www.example.com/index.html; a Gloss container holds
//   annotations on its document's text, so ours targets a passage of the seed document, and the PUT
//   moves it to another passage (where the pages use http://other.example/).
// - Creating, replacing and deleting need a signed-in account, and PUT and DELETE need If-Match
//   with the annotation's ETag (lost updates are refused): the reader who made the annotation sends
//   them. The pages send neither.
// - "SHOULD use HTTPS rather than HTTP" cannot hold on loopback HTTP: ported as "a container reached
//   over HTTPS names itself with https", which is what Gloss controls.

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

const ORIGIN = "http://gloss.test";
const SLUG = "second-east-turkistan-republic";
const MEDIA_TYPE = "application/ld+json";
const PROFILED = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const PREFER_MINIMAL = 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

let reader: Account;
let text: string;
let containerUrl: string;
let annotationUrl: string;

/** A request as the pages make it (no cookie unless an account is given), its JSON body decoded. */
async function call(method: string, url: string, options: { account?: Account; headers?: Record<string, string>; body?: unknown } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.account) headers.cookie = options.account.cookie;
  if (options.body !== undefined) headers["content-type"] ??= MEDIA_TYPE;
  const response = await fetchApi(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const raw = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    // Not JSON: the assertions about the body fail on the empty object.
  }
  return { status: response.status, headers: response.headers, body } satisfies Answer;
}

/** A target on the first occurrence of `exact` in the seed document, with its quote and position. */
function passageTarget(exact: string) {
  const start = text.indexOf(exact);
  expect(start, exact).toBeGreaterThanOrEqual(0);
  return {
    source: `${ORIGIN}/documents/${SLUG}`,
    selector: [
      { type: "TextQuoteSelector", exact },
      { type: "TextPositionSelector", start, end: start + exact.length },
    ],
  };
}

beforeAll(async () => {
  const imported = await importDocument(getDb(), editionPath, "content/second-east-turkistan-republic.md");
  text = (await getDb().documentVersion.findFirstOrThrow({ where: { hash: imported.version } })).text;
  reader = await signUp("w3c-protocol@example.org");
  // The container's IRI is the one it gives itself, asked for at the address the API documents.
  containerUrl = String((await call("GET", `${ORIGIN}/api/documents/${SLUG}/annotations`)).body.id);
  // An annotation to point the annotation tests at, as a person would type one in.
  const made = await call("POST", containerUrl, {
    account: reader,
    body: {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      motivation: "commenting",
      body: { type: "TextualBody", value: "An annotation for the W3C's annotation tests." },
      target: passageTarget("Ghulja"),
    },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  annotationUrl = String(made.body.id);
});

afterAll(async () => {
  // The seed edition is shared by the other test files: take away what this one wrote on it.
  await getDb().annotation.deleteMany({ where: { creatorId: reader.id } });
  await disconnectDb();
});

describe("server-musts-manual.html", () => {
  it('Container MUST end in a "/" character', () => {
    expect(containerUrl).toMatch(/\/$/);
  });

  describe("GET on the container", () => {
    let container: Answer;
    beforeAll(async () => {
      container = await call("GET", containerUrl);
    });

    it("Containers MUST support GET (check Allow on GET)", () => {
      expect(container.headers.get("allow")).toMatch(/GET/);
    });
    it("Containers MUST support HEAD (check Allow on GET)", () => {
      expect(container.headers.get("allow")).toMatch(/HEAD/);
    });
    it("Containers MUST support OPTIONS (check Allow on GET)", () => {
      expect(container.headers.get("allow")).toMatch(/OPTIONS/);
    });
    it("Containers MUST have a Content-Type header with the application/ld+json media type", () => {
      expect(container.headers.get("content-type")).toMatch(/application\/ld\+json/);
    });
    it("Containers MUST response with the JSON-LD representation (by default)", () => {
      expect(container.status).toBe(200);
      expect(container.headers.get("content-type")).toMatch(/application\/ld\+json/);
      expect(container.body["@context"]).toContain("http://www.w3.org/ns/anno.jsonld");
    });
    it("Containers MUST return a description of the container with BasicContainer", () => {
      expect(container.body.type).toContain("BasicContainer");
    });
    it("Containers MUST return a description of the container with AnnotationCollection", () => {
      expect(container.body.type).toContain("AnnotationCollection");
    });
    it("Containers MUST return a Link header (rfc5988) on all responses", () => {
      expect(container.headers.get("link")).toBeTruthy();
    });
    it("Containers MUST have an ETag header", () => {
      expect(container.headers.get("etag")).toBeTruthy();
    });
    it("Containers MUST have a Vary header with Accept in the value", () => {
      expect(container.headers.get("vary")).toMatch(/Accept/);
    });
    it("Containers MUST advertise its type by including a link where the rel parameter value is type and the target IRI is the appropriate Container Type", () => {
      expect(container.headers.get("link")).toMatch(
        /<http:\/\/www\.w3\.org\/ns\/(ldp#BasicContainer|oa#AnnotationCollection)>; *rel="type"/,
      );
    });
    it("Containers MUST advertise that it imposes Annotation protocol specific constraints by including a link where the target IRI is http://www.w3.org/TR/annotation-protocol/, and the rel parameter value is the IRI http://www.w3.org/ns/ldp#constrainedBy", () => {
      expect(container.headers.get("link")).toMatch(
        /<http:\/\/www\.w3\.org\/TR\/annotation-protocol\/>; *rel="http:\/\/www\.w3\.org\/ns\/ldp#constrainedBy"/,
      );
    });

    it("Containers MUST include a Content-Location header with the IRI as its value", () => {
      expect(container.headers.get("content-location")).toBe(containerUrl);
    });
    it("Container's Content-Location and `id` MUST match", () => {
      expect(container.headers.get("content-location")).toBe(container.body.id);
    });

    it("Annotation Pages must have a link to the container they are part of, using the partOf property", async () => {
      const first = container.body.first as { id: string } | string;
      const page = await call("GET", typeof first === "string" ? first : first.id);
      expect(page.status).toBe(200);
      expect((page.body.partOf as { id?: string } | undefined)?.id).toBe(containerUrl);
    });
    it("Annotation Pages MUST have a link to the previous page in the sequence, using the prev property (if not the first page)", async () => {
      // The seed document's curated mentions and evidence fill more than one page.
      const last = await call("GET", String(container.body.last));
      expect(last.status).toBe(200);
      expect(last.body.startIndex).toBeGreaterThan(0);
      expect(last.body.prev).toEqual(expect.any(String));
      const previous = await call("GET", String(last.body.prev));
      expect(previous.status).toBe(200);
      expect(previous.body.next).toBe(last.body.id);
    });
    it("Annotation Pages MUST have a link to the next page in the sequence, using the next property (if not the last page)", async () => {
      const first = container.body.first as { id: string } | string;
      const page = await call("GET", typeof first === "string" ? first : first.id);
      expect(page.body.id).not.toBe(container.body.last);
      expect(page.body.next).toEqual(expect.any(String));
      const next = await call("GET", String(page.body.next));
      expect(next.status).toBe(200);
      expect(next.body.prev).toBe(page.body.id);
    });
  });

  it("Containers MUST support HEAD method", async () => {
    const head = await call("HEAD", containerUrl);
    expect(head.status).toBe(200);
  });
  it("Containers MUST support OPTIONS method", async () => {
    const options = await call("OPTIONS", containerUrl);
    expect(options.status).toBe(200);
  });

  describe("GET on an annotation", () => {
    let annotation: Answer;
    beforeAll(async () => {
      annotation = await call("GET", annotationUrl);
    });

    it("Annotations MUST support GET (check Allow on GET)", () => {
      expect(annotation.status).toBe(200);
      expect(annotation.headers.get("allow")).toMatch(/GET/);
    });
    it("Annotations MUST support HEAD (check Allow on GET)", () => {
      expect(annotation.headers.get("allow")).toMatch(/HEAD/);
    });
    it("Annotations MUST support OPTIONS (check Allow on GET)", () => {
      expect(annotation.headers.get("allow")).toMatch(/OPTIONS/);
    });
    it("Annotations MUST have a Content-Type header with the application/ld+json media type", () => {
      expect(annotation.headers.get("content-type")).toMatch(/application\/ld\+json/);
    });
    it("Annotations MUST have a Link header entry where the target IRI is http://www.w3.org/ns/ldp#Resource and the rel parameter value is type", () => {
      expect(annotation.headers.get("link")).toMatch(/<http:\/\/www\.w3\.org\/ns\/ldp#Resource>; *rel="type"/);
    });
    it("Annotations MUST have an ETag header", () => {
      expect(annotation.headers.get("etag")).toBeTruthy();
    });
    it("Annotations MUST have a Vary header with Accept in the value", () => {
      expect(annotation.headers.get("vary")).toMatch(/Accept/);
    });
  });

  it("Annotations MUST support HEAD method", async () => {
    expect((await call("HEAD", annotationUrl)).status).toBe(200);
  });
  it("Annotations MUST support OPTIONS method", async () => {
    expect((await call("OPTIONS", annotationUrl)).status).toBe(200);
  });

  describe("creating, replacing and deleting an annotation", () => {
    const canonical = `urn:uuid:${crypto.randomUUID()}`;
    let creation: Answer;
    beforeAll(async () => {
      creation = await call("POST", containerUrl, {
        account: reader,
        body: {
          "@context": "http://www.w3.org/ns/anno.jsonld",
          type: "Annotation",
          body: { type: "TextualBody", value: "I like this page!" },
          target: passageTarget("Sheng Shicai"),
          canonical,
        },
      });
    });

    it("Created Annotation MUST have an id property", () => {
      expect(creation.body.id).toEqual(expect.any(String));
    });
    it("Created Annotation MUST have an id that starts with the Container IRI", () => {
      expect(String(creation.body.id).startsWith(containerUrl)).toBe(true);
    });
    it("Created Annotation MUST preserve any canonical IRI", async () => {
      expect(creation.body.canonical).toBe(canonical);
      expect((await call("GET", String(creation.body.id))).body.canonical).toBe(canonical);
    });
    it("Annotation Server MUST respond with a 201 Created code if the creation is successful", () => {
      expect(creation.status).toBe(201);
    });
    it("Location header SHOULD match the id of the new Annotation", () => {
      expect(creation.headers.get("location")).toBe(creation.body.id);
    });

    it("Annotation update must be done with the PUT method", async () => {
      // Another passage's target, in the form the container serves it.
      const other = await call("GET", `${containerUrl}?motivation=identifying`);
      const items = (other.body.first as { items: Array<{ target: { selector: Array<{ exact?: string }> } }> }).items;
      const target = items.find((item) => item.target.selector[0].exact !== "Sheng Shicai")!.target;
      const changed = { ...creation.body, target };
      const replaced = await call("PUT", String(creation.body.id), {
        account: reader,
        headers: { "if-match": creation.headers.get("etag")! },
        body: changed,
      });
      expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
      expect(replaced.body.target).toEqual(target);
      expect(replaced.body.canonical).toBe(canonical);
    });

    it("Annotation deletion with DELETE method MUST return a 204 status", async () => {
      const current = await call("GET", String(creation.body.id));
      const deleted = await call("DELETE", String(creation.body.id), {
        account: reader,
        headers: { "if-match": current.headers.get("etag")! },
      });
      expect(deleted.status).toBe(204);
      expect((await call("GET", String(creation.body.id))).status).toBe(404);
    });
  });
});

describe("server-shoulds-manual.html", () => {
  it("SHOULD implement the LDP Basic Container specification", async () => {
    // What LDP asks of a Basic Container: its type in a Link header, the media types POST accepts,
    // and POST creating a member that is then served at the Location it answers with.
    const options = await call("OPTIONS", containerUrl);
    expect(options.headers.get("link")).toMatch(/<http:\/\/www\.w3\.org\/ns\/ldp#BasicContainer>; *rel="type"/);
    expect(options.headers.get("accept-post")).toMatch(/application\/ld\+json/);
    expect(options.headers.get("allow")).toMatch(/POST/);
    const container = await call("GET", containerUrl);
    expect(container.body["@context"]).toContain("http://www.w3.org/ns/ldp.jsonld");
    expect((await call("GET", annotationUrl)).status).toBe(200);
  });

  it("SHOULD use HTTPS rather than HTTP", async () => {
    // Loopback HTTP cannot pass the pages' check; what Gloss decides is that a container reached
    // over HTTPS (as behind a TLS proxy) names itself, its pages and its annotations with https.
    const secure = await call("GET", containerUrl.replace(/^http:/, "https:"));
    expect(secure.status).toBe(200);
    expect(String(secure.body.id)).toMatch(/^https:\/\//);
    expect(String(secure.body.last)).toMatch(/^https:\/\//);
    const items = (secure.body.first as { items: Array<{ id: string }> }).items;
    expect(items.every((item) => item.id.startsWith(String(secure.body.id)))).toBe(true);
  });

  it("SHOULD return the full annotation descriptions", async () => {
    // 4.1.1: with no preference, the embedded first page and the pages hold whole annotations.
    const container = await call("GET", containerUrl);
    const first = container.body.first as { id: string; items: Array<Record<string, unknown>> };
    const page = await call("GET", first.id);
    for (const items of [first.items, (page.body as { items: Array<Record<string, unknown>> }).items]) {
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
        expect(item).toMatchObject({ type: "Annotation", target: expect.anything() });
      }
    }
  });

  it("SHOULD include links to the first and last AnnotationPages in the Collection", async () => {
    const minimal = await call("GET", containerUrl, { headers: { prefer: PREFER_MINIMAL } });
    expect(minimal.status).toBe(200);
    expect(minimal.body.first).toEqual(expect.any(String));
    expect(minimal.body.last).toEqual(expect.any(String));
    expect((await call("GET", String(minimal.body.first))).body.type).toBe("AnnotationPage");
  });

  it("...and without either the ldp:contains predicate or the first page of annotations embedded.", async () => {
    const minimal = await call("GET", containerUrl, { headers: { prefer: PREFER_MINIMAL } });
    expect(minimal.status).toBe(200);
    expect(minimal.body).not.toHaveProperty("items");
    expect(minimal.body).not.toHaveProperty("ldp:contains");
    expect(minimal.body).not.toHaveProperty("contains");
    expect(typeof minimal.body.first).toBe("string");
  });

  it("SHOULD include the total property with the total number of annotations in the container", async () => {
    const minimal = await call("GET", containerUrl, { headers: { prefer: PREFER_MINIMAL } });
    const visible = await getDb().annotation.count({ where: { document: { slug: SLUG }, visibility: "public" } });
    expect(minimal.body.total).toBe(visible);
  });

  it("SHOULD have a link to the last page of its contents using last", async () => {
    const container = await call("GET", containerUrl);
    const last = await call("GET", String(container.body.last));
    expect(last.status).toBe(200);
    expect(last.body).not.toHaveProperty("next");
    expect(Number(last.body.startIndex) + (last.body.items as unknown[]).length).toBe(container.body.total);
  });

  it("SHOULD include Prefer in the Vary response header to assist with caching", async () => {
    const minimal = await call("GET", containerUrl, { headers: { prefer: PREFER_MINIMAL } });
    expect(minimal.headers.get("vary")).toMatch(/Prefer/);
    expect((await call("GET", containerUrl)).headers.get("vary")).toMatch(/Prefer/);
  });

  it("SHOULD NOT [receive] the Prefer header when requesting the page", async () => {
    // The preference is in the pages' IRIs, so a client asks for them without Prefer; and the
    // container does not answer with a Prefer header of its own.
    const minimal = await call("GET", containerUrl, { headers: { prefer: PREFER_MINIMAL } });
    expect(minimal.headers.get("prefer")).toBeNull();
    const page = await call("GET", String(minimal.body.first));
    expect(page.status).toBe(200);
    expect((page.body.items as Array<Record<string, unknown>>)[0]["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
  });
});

describe("the representations of Web Annotation Protocol 4.2, beyond the pages' checks", () => {
  it("serves the annotations' IRIs alone for PreferContainedIRIs, in the container, its pages and its Content-Location", async () => {
    const iris = await call("GET", containerUrl, {
      headers: { prefer: 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"' },
    });
    expect(iris.status).toBe(200);
    expect(iris.headers.get("content-location")).toBe(iris.body.id);
    expect(String(iris.body.id)).toBe(`${containerUrl}?iris=1`);
    const first = iris.body.first as { id: string; items: unknown[] };
    expect(first.items.every((item) => typeof item === "string" && item.startsWith(containerUrl))).toBe(true);
    const page = await call("GET", first.id);
    expect(page.body.items).toEqual(first.items);
    expect((await call("GET", String(iris.body.id))).body).toEqual(iris.body);
  });

  it("serves whole annotations for PreferContainedDescriptions, as with no preference", async () => {
    const descriptions = await call("GET", containerUrl, {
      headers: { prefer: 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedDescriptions"' },
    });
    const plain = await call("GET", containerUrl);
    expect(descriptions.body.first).toEqual(plain.body.first);
    expect(descriptions.headers.get("content-location")).toBe(descriptions.body.id);
  });

  it("answers a POST to a page with 405 and the JSON error, and stores nothing", async () => {
    const before = await getDb().annotation.count();
    const posted = await call("POST", `${containerUrl}?page=0`, {
      account: reader,
      body: {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        body: { type: "TextualBody", value: "Posted to a page." },
        target: passageTarget("Ghulja"),
      },
    });
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toMatch(/GET/);
    expect(posted.headers.get("allow")).not.toMatch(/POST/);
    expect(posted.body).toMatchObject({ error: { code: "method_not_allowed" } });
    expect(await getDb().annotation.count()).toBe(before);
  });

  it("takes a Slug as the new annotation's IRI when it is free, sanitised, and a generated id otherwise (5.2)", async () => {
    const post = (slug: string) =>
      call("POST", containerUrl, {
        account: reader,
        headers: { slug, "content-type": PROFILED },
        body: {
          "@context": "http://www.w3.org/ns/anno.jsonld",
          type: "Annotation",
          motivation: "commenting",
          body: { type: "TextualBody", value: `Slug ${slug}.` },
          target: passageTarget("Ghulja"),
        },
      });
    const suggested = `Trial Anno ${Date.now()}`;
    const first = await post(suggested);
    expect(first.status).toBe(201);
    expect(first.body.id).toBe(`${containerUrl}${suggested.toLowerCase().replace(/ /g, "-")}`);
    const taken = await post(suggested);
    expect(taken.status).toBe(201);
    expect(taken.body.id).not.toBe(first.body.id);
    expect(String(taken.body.id)).toMatch(new RegExp(`^${containerUrl.replace(/[.?]/g, "\\$&")}[0-9a-f-]{36}$`));
    for (const unusable of ["export", "import", "%%%", "m-0123456789abcdef"]) {
      const answer = await post(unusable);
      expect(answer.status).toBe(201);
      expect(String(answer.body.id)).toMatch(/\/[0-9a-f-]{36}$/);
    }
  });

  it("keeps a client's id in via and gives the annotation an id of its own (5.1)", async () => {
    const theirs = "http://elsewhere.example/annotations/42";
    const created = await call("POST", containerUrl, {
      account: reader,
      body: {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        id: theirs,
        type: "Annotation",
        body: { type: "TextualBody", value: "Brought from elsewhere." },
        target: passageTarget("Ghulja"),
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.via).toBe(theirs);
    expect(String(created.body.id).startsWith(containerUrl)).toBe(true);
    expect((await call("GET", String(created.body.id))).body.via).toBe(theirs);
  });
});
