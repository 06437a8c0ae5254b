import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getProposals } from "@/app/api/documents/[slug]/proposals/route";
import { POST as postReview } from "@/app/api/documents/[slug]/proposals/review/route";
import { POST as postVersion } from "@/app/api/documents/[slug]/versions/route";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { stopImportQueue } from "@/lib/imports/queue";
import { startImportWorker, type ImportWorker } from "@/lib/imports/worker";
import { signUp, type Account } from "./accounts";
import { editionPath } from "./helpers";
import { postImport, waitForImport } from "./imports";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-proposal-tests-0123456789abc";
process.env.GLOSS_UPLOAD_DIR = fs.mkdtempSync("/tmp/gloss-uploads-");

const run = Date.now().toString(36);
let owner: Account;
let other: Account;
let worker: ImportWorker;
let slug: string;

const REPORT = `Report from the consulate, ${run}

On 12 November 1944 the garrison surrendered. General Rahimov of the Provincial Security Bureau wrote from Ghulja that Achmad-Jan had left for Tihwa.

Ahmetjan Kasimi met the delegates of the Kuomintang there. Rahimov reported it to the PSB the same week.

The caravan of the delegates reached Samarkand in the spring.`;

const list = async (cookie?: string, status = "pending") => {
  const response = await getProposals(
    new Request(`http://gloss.test/api/documents/${slug}/proposals?status=${status}`, { headers: cookie ? { cookie } : {} }),
    { params: Promise.resolve({ slug }) },
  );
  return { status: response.status, body: await response.json() };
};
const review = async (body: unknown, cookie = owner.cookie) => {
  const response = await postReview(
    new Request(`http://gloss.test/api/documents/${slug}/proposals/review`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ slug }) },
  );
  return { status: response.status, body: await response.json() };
};

beforeAll(async () => {
  await importDocument(getDb(), editionPath);
  owner = await signUp(`proposals-${run}@example.test`);
  other = await signUp(`other-${run}@example.test`);
  worker = await startImportWorker(getDb(), 1);
  const { import: started } = await (await postImport({ fields: { text: REPORT, title: `Report ${run}` } }, owner.cookie)).json();
  const done = await waitForImport(started.id, owner.cookie, 120_000);
  slug = done.document.slug;
});

afterAll(async () => {
  await worker.stop();
  await stopImportQueue();
  await disconnectDb();
});

describe("proposals of an imported document", () => {
  it("match the registry across documents and spellings, and group new names", async () => {
    const { status, body } = await list(owner.cookie);
    expect(status).toBe(200);
    const of = (exact: string) => body.proposals.find((p: { exact: string }) => p.exact === exact);
    expect(of("Ghulja")).toMatchObject({ entity: { id: "ghulja" }, source: "registry", kind: "place" });
    expect(of("Ahmetjan Kasimi")).toMatchObject({ entity: { id: "ahmetjan-qasimi" }, source: "variant" });
    expect(of("Achmad-Jan")).toMatchObject({ entity: { id: "ahmetjan-qasimi" }, source: "variant" });
    expect(of("Kuomintang")).toMatchObject({ entity: { id: "kuomintang" }, source: "registry" });
    const rahimov = body.proposals.filter((p: { exact: string }) => p.exact === "Rahimov");
    expect(rahimov.length).toBe(2);
    expect(rahimov[0]).toMatchObject({ entity: null, source: "recogniser", kind: "person" });
    expect(rahimov[0].group).toBe(rahimov[1].group);
    expect(of("PSB").group).toBe(of("Provincial Security Bureau").group);
    for (const p of body.proposals) expect(p.exact).toBe(REPORT.includes(p.exact) ? p.exact : "?");
  });

  it("do not exist for anyone but the owner: the 404 of an unknown document", async () => {
    for (const cookie of [other.cookie, undefined]) expect((await list(cookie)).status).toBe(404);
    expect((await review({ action: "accept", all: true }, other.cookie)).status).toBe(404);
  });

  it("accept a group in one write, a new spelling joining the known entity, and undo it", async () => {
    const { body } = await list(owner.cookie);
    const variant = body.proposals.find((p: { exact: string }) => p.exact === "Ahmetjan Kasimi");
    const accepted = await review({ action: "accept", groups: [variant.group] });
    expect(accepted.status).toBe(200);
    expect(accepted.body.changed).toBeGreaterThanOrEqual(2);
    const document = await getDb().document.findUniqueOrThrow({ where: { slug } });
    const mentions = await getDb().annotation.findMany({
      where: { documentId: document.id, entityId: "ahmetjan-qasimi", motivation: "identifying" },
    });
    expect(mentions.map((m) => m.exact).sort()).toEqual(["Achmad-Jan", "Ahmetjan Kasimi"]);
    const entity = await getDb().entity.findUniqueOrThrow({ where: { id: "ahmetjan-qasimi" } });
    expect(entity.aliases).toEqual(expect.arrayContaining(["Achmad-Jan", "Ahmetjan Kasimi"]));

    const undone = await review({ action: "undo" });
    expect(undone.status).toBe(200);
    expect(await getDb().annotation.count({ where: { documentId: document.id, entityId: "ahmetjan-qasimi" } })).toBe(0);
    expect((await getDb().entity.findUniqueOrThrow({ where: { id: "ahmetjan-qasimi" } })).aliases).not.toContain("Achmad-Jan");
    expect((await list(owner.cookie)).body.proposals.find((p: { id: string }) => p.id === variant.id)).toBeDefined();
  });

  it("makes one new entity of a new group, rejects, merges, splits and links", async () => {
    const { body } = await list(owner.cookie);
    const rahimov = body.proposals.find((p: { exact: string }) => p.exact === "Rahimov");
    const accepted = await review({ action: "accept", groups: [rahimov.group] });
    expect(accepted.status).toBe(200);
    const made = await getDb().entity.findMany({ where: { createdById: owner.id, name: { startsWith: "Rahimov" } } });
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ kind: "person", origin: "user" });

    const after = (await list(owner.cookie)).body.proposals;
    const psb = after.find((p: { exact: string }) => p.exact === "PSB");
    const split = await review({ action: "split", ids: [psb.id] });
    expect(split.status).toBe(200);
    const splitGroup = (await list(owner.cookie)).body.proposals.find((p: { id: string }) => p.id === psb.id).group;
    expect(splitGroup).not.toBe(psb.group);
    const merged = await review({ action: "merge", groups: [psb.group, splitGroup] });
    expect(merged.status).toBe(200);
    expect((await list(owner.cookie)).body.proposals.find((p: { id: string }) => p.id === psb.id).group).toBe(psb.group);
    const linked = await review({ action: "link", ids: [psb.id], entityId: "kuomintang" });
    expect(linked.status).toBe(200);
    expect((await list(owner.cookie)).body.proposals.find((p: { id: string }) => p.id === psb.id)).toMatchObject({
      entity: { id: "kuomintang" },
    });
    const rejected = await review({ action: "reject", ids: [psb.id] });
    expect(rejected.status).toBe(200);
    expect((await list(owner.cookie)).body.proposals.find((p: { id: string }) => p.id === psb.id)).toBeUndefined();
    expect((await list(owner.cookie, "all")).body.proposals.find((p: { id: string }) => p.id === psb.id).status).toBe("rejected");
  });

  it("refuses a malformed action, an unknown entity, and an empty choice, changing nothing", async () => {
    const before = await getDb().proposal.findMany({ where: { document: { slug } }, orderBy: { id: "asc" } });
    expect((await review({ action: "approve", all: true })).status).toBe(400);
    expect((await review({ action: "accept" })).status).toBe(400);
    expect((await review({ action: "link", all: true, entityId: "no-such-entity" })).status).toBe(422);
    expect((await review({ action: "accept", ids: ["not-a-proposal"] })).status).toBe(422);
    expect(await getDb().proposal.findMany({ where: { document: { slug } }, orderBy: { id: "asc" } })).toEqual(before);
  });
});

describe("dated sentences proposed for the timeline", () => {
  it("are listed with their normalised dates, and an accepted one is a date claim with its sentence as evidence", async () => {
    const { body } = await list(owner.cookie);
    const date = body.dates.find((d: { dateText: string }) => d.dateText.includes("12 November 1944"));
    expect(date).toMatchObject({ date: { value: "1944-11-12", precision: "day", approximate: false, edtf: "1944-11-12" } });
    expect(date.exact).toContain("the garrison surrendered");
    const { POST } = await import("@/app/api/documents/[slug]/proposals/dates/route");
    const response = await POST(
      new Request(`http://gloss.test/api/documents/${slug}/proposals/dates`, {
        method: "POST",
        headers: { cookie: owner.cookie, "content-type": "application/json" },
        body: JSON.stringify({ action: "accept", ids: [date.id] }),
      }),
      { params: Promise.resolve({ slug }) },
    );
    expect(response.status).toBe(200);
    const { claims } = await response.json();
    const claim = await getDb().claim.findUniqueOrThrow({ where: { id: claims[0] }, include: { evidence: true } });
    expect(claim).toMatchObject({ kind: "date", dateValue: "1944-11-12", datePrecision: "day", origin: "user", createdById: owner.id });
    expect(claim.evidence[0]).toMatchObject({ stance: "supports", exact: date.exact.trim() });
    expect((await list(owner.cookie)).body.dates.find((d: { id: string }) => d.id === date.id)).toBeUndefined();
  });
});

describe("a place new to the registry", () => {
  it("is proposed with the gazetteer's point, which the entity its acceptance makes keeps", async () => {
    const { body } = await list(owner.cookie);
    const samarkand = body.proposals.find((p: { exact: string }) => p.exact === "Samarkand");
    expect(samarkand).toMatchObject({ entity: null, kind: "place" });
    const stored = await getDb().proposal.findUniqueOrThrow({ where: { id: samarkand.id } });
    expect(stored.latitude).toBeCloseTo(39.65, 1);
    expect(stored.longitude).toBeCloseTo(66.96, 1);
    expect((await review({ action: "accept", groups: [samarkand.group] })).status).toBe(200);
    const made = await getDb().entity.findFirstOrThrow({ where: { createdById: owner.id, name: "Samarkand" } });
    expect(made).toMatchObject({ kind: "place", coordinatesSource: "gazetteer" });
    expect(made.latitude).toBeCloseTo(39.65, 1);
    expect(made.longitude).toBeCloseTo(66.96, 1);
    // A person's group gets no point, whatever its name.
    expect(await getDb().proposal.count({ where: { document: { slug }, kind: "person", latitude: { not: null } } })).toBe(0);
  });
});

describe("a new version", () => {
  it("gets proposals for what is new in it, and none for what was decided or is already a mention", async () => {
    const before = await getDb().document.findUniqueOrThrow({ where: { slug }, select: { id: true, currentVersionId: true } });
    const decided = await getDb().proposal.findMany({ where: { documentId: before.id, status: { not: "pending" } } });
    expect(decided.some((p) => p.exact === "PSB" && p.status === "rejected")).toBe(true);
    const params = { params: Promise.resolve({ slug }) };
    const posted = await postImport(
      { fields: { text: `${REPORT}\n\nColonel Osmanov wrote from Samarkand on 3 May 1945 that the PSB had closed.` } },
      owner.cookie,
      `/api/documents/${slug}/versions`,
      ((request: Request) => postVersion(request, params)) as never,
    );
    expect(posted.status).toBe(202);
    expect(await waitForImport((await posted.json()).import.id, owner.cookie, 120_000)).toMatchObject({ status: "done" });
    const after = await getDb().document.findUniqueOrThrow({ where: { slug }, select: { currentVersionId: true } });
    expect(after.currentVersionId).not.toBe(before.currentVersionId);

    const { body } = await list(owner.cookie);
    const exacts = body.proposals.map((p: { exact: string }) => p.exact);
    // New: a person, and the known place's new mention (Samarkand is an entity now).
    expect(body.proposals.find((p: { exact: string }) => p.exact === "Osmanov")).toMatchObject({ entity: null, kind: "person" });
    const samarkand = body.proposals.filter((p: { exact: string }) => p.exact === "Samarkand");
    expect(samarkand).toHaveLength(1);
    expect(samarkand[0].entity).toMatchObject({ name: "Samarkand" });
    expect(samarkand[0].start).toBeGreaterThan(REPORT.length);
    // Rejected before: not again. Accepted before: a mention now, re-anchored, not proposed over.
    expect(exacts).not.toContain("PSB");
    expect(exacts).not.toContain("Rahimov");
    const mentions = await getDb().annotation.count({
      where: { documentId: before.id, versionId: after.currentVersionId!, motivation: "identifying", exact: "Rahimov" },
    });
    expect(mentions).toBe(2);
    // The date accepted before is not proposed again; the new one is.
    const dates = body.dates.map((d: { dateText: string }) => d.dateText);
    expect(dates.filter((d: string) => d.includes("3 May 1945"))).toHaveLength(1);
    expect(dates.filter((d: string) => d.includes("12 November 1944"))).toEqual([]);
  }, 180_000);
});
