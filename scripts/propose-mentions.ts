// `npm run entities:propose -- <slug> [--write]`: proposes the curated mentions of a document
// from its entities' names and aliases (the alias matcher), as snippets. Without --write it
// prints how the curated file differs from the proposals; with --write it replaces each entity's
// mentions with the proposals (occurrences listed under `unlinked` are left out).
import fs from "node:fs";
import path from "node:path";
import { isMap, isSeq, parseDocument as parseYaml } from "yaml";
import { buildSnippet } from "../lib/entities/build-snippet";
import { anchorMentions, anchorUnlinked, parseCuratedEntities } from "../lib/entities/curated-entities";
import { proposeMentions } from "../lib/entities/propose-mentions";
import { UserFacingError } from "../lib/errors";
import { parseDocument } from "../lib/text-model/parse-document";
import { runCli } from "./cli";

runCli(async () => {
  const [slug, flag] = process.argv.slice(2);
  if (!slug) throw new UserFacingError("usage: npm run entities:propose -- <slug> [--write]");
  const markdownPath = path.resolve("content", `${slug}.md`);
  const entitiesPath = path.resolve("content", `${slug}.entities.yaml`);
  if (!fs.existsSync(markdownPath) || !fs.existsSync(entitiesPath))
    throw new UserFacingError(`content/${slug}.md and content/${slug}.entities.yaml must both exist`);
  const parsed = parseDocument(fs.readFileSync(markdownPath, "utf8"), `content/${slug}.md`);
  const source = fs.readFileSync(entitiesPath, "utf8");
  const curated = parseCuratedEntities(source, `content/${slug}.entities.yaml`, { draft: flag === "--write" });

  const unlinked = anchorUnlinked(curated.unlinked, parsed.text, {
    file: `content/${slug}.entities.yaml`,
    lineOf: curated.unlinkedLine,
  });
  const matches = proposeMentions(
    parsed.text,
    curated.entities.map((e) => ({ entityId: e.id, names: [e.name, ...e.aliases] })),
    unlinked,
  );
  const proposals = new Map<string, string[]>();
  for (const match of matches) {
    const list = proposals.get(match.entityId) ?? [];
    list.push(buildSnippet(parsed.text, match.start, match.end));
    proposals.set(match.entityId, list);
  }

  if (flag === "--write") {
    const doc = parseYaml(source);
    const entities = doc.get("entities");
    if (!isSeq(entities)) throw new UserFacingError("entities must be a list");
    for (const item of entities.items) {
      if (!isMap(item)) continue;
      const id = String(item.get("id"));
      item.set("mentions", proposals.get(id) ?? []);
    }
    fs.writeFileSync(entitiesPath, doc.toString({ lineWidth: 100, minContentWidth: 40 }));
    console.log(`Wrote ${matches.length} mentions of ${proposals.size} entities to content/${slug}.entities.yaml.`);
    const silent = curated.entities.filter((e) => !proposals.has(e.id)).map((e) => e.id);
    if (silent.length) console.log(`No occurrence found for: ${silent.join(", ")}`);
    return;
  }

  const anchored = anchorMentions(curated, parsed.text, parsed.passages, slug, "entities");
  const curatedKeys = new Set(anchored.map((m) => `${m.entityId}@${m.start}:${m.end}`));
  const manual = new Set(curated.entities.flatMap((e) => e.manualMentions.map((snippet) => `${e.id}\0${snippet}`)));
  const proposedKeys = new Set(matches.map((m) => `${m.entityId}@${m.start}:${m.end}`));
  const missing = matches.filter((m) => !curatedKeys.has(`${m.entityId}@${m.start}:${m.end}`));
  const extra = anchored.filter(
    (m) => !proposedKeys.has(`${m.entityId}@${m.start}:${m.end}`) && !manual.has(`${m.entityId}\0${m.snippet}`),
  );
  for (const m of missing) console.log(`not curated: ${m.entityId}: "${buildSnippet(parsed.text, m.start, m.end)}"`);
  for (const m of extra) console.log(`not proposed: ${m.entityId}: "${m.snippet}"`);
  console.log(`${anchored.length} curated, ${matches.length} proposed, ${missing.length} not curated, ${extra.length} not proposed.`);
  if (missing.length || extra.length) process.exitCode = 1;
});
