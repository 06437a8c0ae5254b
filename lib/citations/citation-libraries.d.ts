// Types for the parts of citeproc-js and Citation.js that lib/citations uses (neither ships types).

declare module "citeproc" {
  interface CiteprocSys {
    retrieveLocale(lang: string): string;
    retrieveItem(id: string): unknown;
  }
  interface CitationItem {
    id: string;
    locator?: string;
    label?: string;
    position?: number;
  }
  class Engine {
    constructor(sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean);
    setOutputFormat(format: "text" | "html"): void;
    updateItems(ids: string[]): void;
    makeBibliography(): [unknown, string[]] | false;
    makeCitationCluster(items: CitationItem[]): string;
  }
  const CSL: { Engine: typeof Engine; POSITION_FIRST: number; POSITION_SUBSEQUENT: number };
  export default CSL;
}

declare module "@citation-js/core" {
  export class Cite {
    constructor(data: unknown);
    format(format: "bibtex" | "ris" | "data", options?: Record<string, unknown>): string;
  }
}

declare module "@citation-js/plugin-bibtex";
declare module "@citation-js/plugin-ris";
