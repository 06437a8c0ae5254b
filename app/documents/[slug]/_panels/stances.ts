import type { Stance } from "@/lib/claims/claim-kinds";

/** How a piece of evidence bears on its claim, in words. */
export const STANCE_LABELS: Record<Stance, string> = { supports: "supports", contradicts: "contradicts", qualifies: "qualifies" };
