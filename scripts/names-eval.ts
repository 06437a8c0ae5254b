// The labelled sets that measure the recogniser of new names (`npm run bench:names`), and how a
// run is scored. Two sets:
// - tests/fixtures/names/*.md: short texts written for this measure, every name marked
//   `[[text|kind|entity-id]]` (tests/fixtures/names/README.md gives the rules of labelling);
// - the seed edition cut by sections into documents, its curated mentions as the labels.
import fs from "node:fs";
import path from "node:path";
import { anchorMentions, parseCuratedEntities } from "../lib/entities/curated-entities";
import { ENTITY_KINDS, type EntityKind } from "../lib/entities/entity-kinds";
import { nameKey } from "../lib/entities/name-key";
import { parseDocument } from "../lib/text-model/parse-document";

/** A labelled mention: where it is in its document's text, what it names. */
export interface Label {
  start: number;
  end: number;
  exact: string;
  kind: EntityKind;
  entityId: string;
}

/** A document of a set: its plain text and its labels, in order. */
export interface LabelledDocument {
  name: string;
  text: string;
  labels: Label[];
}

/** What a method says of a text: a span, and a kind when the method gives one. */
export interface Prediction {
  start: number;
  end: number;
  kind: EntityKind | null;
}

const MARK = /\[\[([^|\][]+)\|([^|\][]+)\|([^|\][]+)\]\]/g;
const KINDS = new Set<string>(ENTITY_KINDS);

/**
 * Reads a labelled text: the marks become their plain text, each with its offsets in the text
 * without marks. A mark with an unknown kind, an empty id, or a stray `[[`/`]]` is an error
 * naming the file and the mark.
 */
export function parseLabelled(source: string, file = "<labelled>"): LabelledDocument {
  const labels: Label[] = [];
  let text = "";
  let from = 0;
  for (const match of source.matchAll(MARK)) {
    text += source.slice(from, match.index);
    const [, exact, kind, entityId] = match;
    if (!KINDS.has(kind)) throw new Error(`${file}: "${match[0]}" has no kind of ${ENTITY_KINDS.join(", ")}`);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entityId)) throw new Error(`${file}: "${match[0]}" needs a kebab-case entity id`);
    labels.push({ start: text.length, end: text.length + exact.length, exact, kind: kind as EntityKind, entityId });
    text += exact;
    from = match.index + match[0].length;
  }
  text += source.slice(from);
  const stray = text.search(/\[\[|\]\]/);
  if (stray >= 0) throw new Error(`${file}: a mark that does not read as [[text|kind|entity-id]]: "${text.slice(stray, stray + 40)}"`);
  return { name: path.basename(file, ".md"), text, labels };
}

/** The project's own labelled texts (tests/fixtures/names). */
export function loadWrittenSet(directory = path.resolve("tests", "fixtures", "names")): LabelledDocument[] {
  return fs
    .readdirSync(directory)
    .filter((file) => /^\d+-.*\.md$/.test(file))
    .sort()
    .map((file) => parseLabelled(fs.readFileSync(path.join(directory, file), "utf8"), file));
}

const SEED = "second-east-turkistan-republic";

/** Which sections of the seed edition make each document of the seed set (0 is the untitled opening). */
const SEED_CUTS = [[0, 1], [2], [3], [4], [5], [6, 7]];

/**
 * The seed edition cut by sections into six documents, each labelled with the curated mentions
 * that fall in it (anchored as the import anchors them), and the seed's entities (for the
 * registry baseline: their names and aliases, as a registry would know them).
 */
export function loadSeedSet(root = path.resolve(".")): {
  documents: LabelledDocument[];
  entities: Map<string, { kind: EntityKind; names: string[] }>;
} {
  const read = (file: string) => fs.readFileSync(path.join(root, "content", file), "utf8");
  const parsed = parseDocument(read(`${SEED}.md`), `${SEED}.md`);
  const curated = parseCuratedEntities(read(`${SEED}.entities.yaml`), `${SEED}.entities.yaml`);
  const entities = new Map(curated.entities.map((e) => [e.id, { kind: e.kind, names: [e.name, ...e.aliases] }]));
  const mentions = anchorMentions(curated, parsed.text, parsed.passages, SEED, `${SEED}.entities.yaml`);
  const documents = SEED_CUTS.map((sections) => {
    const passages = parsed.passages.filter((p) => sections.includes(p.section));
    const start = passages[0].start;
    const end = passages.at(-1)!.end;
    const labels = mentions
      .filter((m) => m.start >= start && m.end <= end)
      .map((m) => ({
        start: m.start - start,
        end: m.end - start,
        exact: parsed.text.slice(m.start, m.end),
        kind: entities.get(m.entityId)!.kind,
        entityId: m.entityId,
      }));
    const title = parsed.sections.find((s) => s.number === sections.at(-1))?.title ?? "opening";
    return { name: `seed §${sections.join("+")} ${title}`, text: parsed.text.slice(start, end), labels };
  });
  return { documents, entities };
}

/** Counts of one method on one set. */
export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Scores {
  exact: Score;
  overlap: Score;
  /** Of the exactly matched spans, the share given the labelled kind (null: the method gives no kind). */
  kindAccuracy: number | null;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

function score(truePositives: number, predicted: number, gold: number): Score {
  const precision = ratio(truePositives, predicted);
  const recall = ratio(truePositives, gold);
  return {
    truePositives,
    falsePositives: predicted - truePositives,
    falseNegatives: gold - truePositives,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
  };
}

/**
 * Scores predictions against labels, document by document, summed over the set:
 * - exact: a prediction counts when its span is a labelled span;
 * - overlap: each label pairs with at most one prediction that shares a character with it (left to
 *   right, the first free one), and each prediction with at most one label;
 * - kind accuracy: over exact matches.
 */
export function scoreSet(documents: Array<{ labels: Label[]; predictions: Prediction[] }>): Scores {
  let gold = 0;
  let predicted = 0;
  let exact = 0;
  let overlap = 0;
  let kindRight = 0;
  let kindGiven = false;
  for (const { labels, predictions } of documents) {
    gold += labels.length;
    predicted += predictions.length;
    const bySpan = new Map(labels.map((l) => [`${l.start}:${l.end}`, l]));
    for (const p of predictions) {
      if (p.kind !== null) kindGiven = true;
      const label = bySpan.get(`${p.start}:${p.end}`);
      if (!label) continue;
      exact += 1;
      if (p.kind === label.kind) kindRight += 1;
    }
    const sorted = [...predictions].sort((a, b) => a.start - b.start || a.end - b.end);
    const used = new Set<number>();
    for (const label of [...labels].sort((a, b) => a.start - b.start)) {
      const i = sorted.findIndex((p, index) => !used.has(index) && p.start < label.end && label.start < p.end);
      if (i >= 0) {
        used.add(i);
        overlap += 1;
      }
    }
  }
  return {
    exact: score(exact, predicted, gold),
    overlap: score(overlap, predicted, gold),
    kindAccuracy: kindGiven ? ratio(kindRight, exact) : null,
  };
}

/** How the spelling key groups the labelled names. */
export interface Grouping {
  /** Pairs of different spellings of one entity, whole names only (not "Wang" beside "Wang Deming", nor an initial). */
  variantPairs: number;
  /** Of those, the pairs whose keys are equal. */
  variantPairsJoined: number;
  /** Keys that two or more entities' names share. */
  collidingKeys: number;
  /** Pairs of different entities that share a key. */
  collidingEntityPairs: number;
  /** The variant pairs left apart and the keys that collide, for reading. */
  missed: string[];
  collisions: string[];
}

/**
 * Grouping by nameKey over every labelled name of a set. A variant pair is two spellings of one
 * entity with as many words as each other (a full name and its short form are not meant to meet
 * by key); case alone does not make a variant.
 */
export function measureGrouping(documents: LabelledDocument[]): Grouping {
  const spellings = new Map<string, Set<string>>();
  for (const label of documents.flatMap((d) => d.labels)) {
    const set = spellings.get(label.entityId) ?? new Set<string>();
    set.add(label.exact.replace(/\s+/g, " "));
    spellings.set(label.entityId, set);
  }
  let variantPairs = 0;
  let variantPairsJoined = 0;
  const missed: string[] = [];
  const owners = new Map<string, Set<string>>();
  for (const [entityId, names] of spellings) {
    const distinct = [...new Map([...names].map((n) => [n.toLocaleLowerCase("en"), n])).values()];
    for (const name of distinct) {
      const key = nameKey(name);
      owners.set(key, (owners.get(key) ?? new Set()).add(entityId));
    }
    for (let i = 0; i < distinct.length; i++)
      for (let j = i + 1; j < distinct.length; j++) {
        const [a, b] = [distinct[i], distinct[j]];
        // Not a spelling: a short form, or an initial ("P. Lavrentiev" beside "Pyotr Lavrentyev").
        if (a.split(/\s+/).length !== b.split(/\s+/).length || /(?:^|\s)\p{L}{1,3}\./u.test(`${a} ${b}`)) continue;
        variantPairs += 1;
        if (nameKey(a) === nameKey(b)) variantPairsJoined += 1;
        else missed.push(`${a} (${nameKey(a)}) ≠ ${b} (${nameKey(b)})`);
      }
  }
  const collisions = [...owners].filter(([, ids]) => ids.size > 1);
  return {
    variantPairs,
    variantPairsJoined,
    collidingKeys: collisions.length,
    collidingEntityPairs: collisions.reduce((sum, [, ids]) => sum + (ids.size * (ids.size - 1)) / 2, 0),
    missed,
    collisions: collisions.map(([key, ids]) => `${key}: ${[...ids].join(", ")}`),
  };
}

/**
 * The capitalised-words baseline: every maximal run of capitalised words (one space or a hyphen
 * apart) with the word that opens a sentence, a line or the text left out.
 */
export function capitalisedRuns(text: string): Prediction[] {
  const found: Prediction[] = [];
  let run: { start: number; end: number } | null = null;
  let previousEnd = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu)) {
    const word = match[0].replace(/['’]s$|['’-]+$/u, "");
    const start = match.index;
    const gap = text.slice(previousEnd, start);
    const sentenceStart = previousEnd === 0 || /[.!?:;]\s*$|\n/.test(gap);
    const capital = /^\p{Lu}/u.test(word);
    if (run && (!capital || sentenceStart || !/^[ -]?$/.test(gap))) {
      found.push({ ...run, kind: null });
      run = null;
    }
    if (capital && !sentenceStart) run = run ? { start: run.start, end: start + word.length } : { start, end: start + word.length };
    previousEnd = start + match[0].length;
  }
  if (run) found.push({ ...run, kind: null });
  return found;
}
