import { describe, expect, it } from "vitest";
import { groupProposals } from "@/app/documents/[slug]/review/group-proposals";
import type { ProposalView } from "@/lib/entities/review-proposals";

let next = 0;
const proposal = (fields: Partial<ProposalView> & Pick<ProposalView, "exact" | "group">): ProposalView => ({
  id: `p${next}`,
  start: next * 10,
  end: next++ * 10 + fields.exact.length,
  prefix: "",
  suffix: "",
  passageId: "p-1",
  kind: "person",
  entity: null,
  name: fields.exact,
  source: "recogniser",
  score: 0.5,
  status: "pending",
  ...fields,
});

describe("the review queue's groups", () => {
  it("puts the proposals of one group together, in text order, with their spellings most frequent first", () => {
    const groups = groupProposals([
      proposal({ exact: "Rahimov", group: "new:rahimov", name: "General Rahimov", start: 50, end: 57 }),
      proposal({ exact: "General Rahimov", group: "new:rahimov", name: "General Rahimov", start: 5, end: 20 }),
      proposal({ exact: "Rahimov", group: "new:rahimov", name: "General Rahimov", start: 90, end: 97 }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: "General Rahimov", origin: "new", spellings: ["Rahimov", "General Rahimov"] });
    expect(groups[0].proposals.map((p) => p.start)).toEqual([5, 50, 90]);
  });

  it("orders known entities first, then the surest, then the most mentioned", () => {
    const zhang = { id: "zhang-zhizhong", name: "Zhang Zhizhong" };
    const groups = groupProposals([
      proposal({ exact: "Rahimov", group: "new:a", score: 0.9 }),
      proposal({ exact: "Kuldja Office", group: "new:b", score: 0.6, kind: "organization" }),
      proposal({ exact: "Kuldja Office", group: "new:b", score: 0.6, kind: "organization" }),
      proposal({ exact: "Tarbagatai", group: "new:c", score: 0.6, kind: "place" }),
      proposal({ exact: "Chang Chih-chung", group: "entity:zhang-zhizhong", entity: zhang, source: "variant", score: 0.7 }),
    ]);
    expect(groups.map((g) => g.group)).toEqual(["entity:zhang-zhizhong", "new:a", "new:b", "new:c"]);
    expect(groups[0]).toMatchObject({ name: "Zhang Zhizhong", origin: "spelling" });
  });

  it("calls a group known when the text writes a name as the registry has it", () => {
    const ghulja = { id: "ghulja", name: "Ghulja" };
    const [group] = groupProposals([
      proposal({ exact: "Ghulja", group: "entity:ghulja", entity: ghulja, source: "registry", kind: "place" }),
      proposal({ exact: "Kuldja", group: "entity:ghulja", entity: ghulja, source: "variant", kind: "place" }),
    ]);
    expect(group).toMatchObject({ origin: "known", kind: "place", spellings: ["Ghulja", "Kuldja"] });
  });
});
