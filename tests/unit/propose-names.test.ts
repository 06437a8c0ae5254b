import { describe, expect, it } from "vitest";
import { proposeNames, type RegistryEntity } from "@/lib/entities/propose-names";

const registry: RegistryEntity[] = [
  { id: "ehmetjan-qasimi", name: "Ehmetjan Qasimi", aliases: ["Ehmetjan"], kind: "person" },
  { id: "zhang-zhizhong", name: "Zhang Zhizhong", aliases: [], kind: "person" },
  { id: "dihua", name: "Dihua", aliases: ["Ürümqi"], kind: "place" },
  { id: "ghulja", name: "Ghulja", aliases: [], kind: "place" },
];

const TEXT =
  "General Rahimov of the Provincial Security Bureau wrote from Ghulja that Achmad-Jan had left. " +
  "Ahmetjan Kasimi met Chang Chih-chung at Tihwa the next week. " +
  "Rahimov reported it to the Bureau. The PSB kept its files; Zhang was told.";

describe("proposeNames", () => {
  const proposals = proposeNames(TEXT, registry);
  const of = (exact: string) => proposals.find((p) => p.exact === exact);

  it("matches known names as written, and their other spellings by key", () => {
    expect(of("Ghulja")).toMatchObject({ entityId: "ghulja", source: "registry", group: "entity:ghulja", kind: "place" });
    expect(of("Achmad-Jan")).toMatchObject({ entityId: "ehmetjan-qasimi", source: "variant" });
    expect(of("Ahmetjan Kasimi")).toMatchObject({ entityId: "ehmetjan-qasimi", source: "variant", name: "Ehmetjan Qasimi" });
    expect(of("Chang Chih-chung")).toMatchObject({ entityId: "zhang-zhizhong", source: "variant" });
    expect(of("Tihwa")).toMatchObject({ entityId: "dihua", source: "variant", kind: "place" });
    expect(of("Zhang")).toMatchObject({ entityId: "zhang-zhizhong", source: "variant" });
  });

  it("proposes new names grouped: a surname with its full name, an acronym with its organisation", () => {
    const rahimov = proposals.filter((p) => p.exact === "Rahimov");
    expect(rahimov).toHaveLength(2);
    expect(new Set(rahimov.map((p) => p.group)).size).toBe(1);
    expect(rahimov[0]).toMatchObject({ entityId: null, source: "recogniser", kind: "person" });
    const bureau = of("Provincial Security Bureau")!;
    expect(bureau).toMatchObject({ entityId: null, kind: "organization", name: "Provincial Security Bureau" });
    expect(of("PSB")!.group).toBe(bureau.group);
  });

  it("leaves out ranges that are already mentions, and keeps to a limit by score", () => {
    const start = TEXT.indexOf("Ghulja");
    const covered = proposeNames(TEXT, registry, { covered: [{ start, end: start + 6 }] });
    expect(covered.find((p) => p.exact === "Ghulja")).toBeUndefined();
    const few = proposeNames(TEXT, registry, { limit: 3 });
    expect(few).toHaveLength(3);
    const kept = new Set(few.map((p) => `${p.start}:${p.end}`));
    const left = proposals.filter((p) => !kept.has(`${p.start}:${p.end}`));
    expect(Math.min(...few.map((p) => p.score))).toBeGreaterThanOrEqual(Math.max(...left.map((p) => p.score)));
  });
});

describe("a known name inside a longer name", () => {
  it("gives way to the longer name its head word makes another thing", () => {
    const found = proposeNames("The Kashgar Trading Cooperative bought wool in Kashgar.", [
      { id: "kashgar", name: "Kashgar", aliases: [], kind: "place" },
    ]);
    expect(found.map((p) => [p.exact, p.entityId])).toEqual([
      ["Kashgar Trading Cooperative", null],
      ["Kashgar", "kashgar"],
    ]);
  });
});
