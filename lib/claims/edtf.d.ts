// The edtf package ships no types: what Gloss uses of it.
declare module "edtf" {
  interface EdtfBitmask {
    value: number;
  }
  interface EdtfDate {
    type: "Date";
    edtf: string;
    /** Date parts as JavaScript counts them: the month from 0. */
    values: number[];
    /** 1 year, 2 month, 3 day. */
    precision: number;
    approximate: EdtfBitmask;
    uncertain: EdtfBitmask;
    min: number;
    max: number;
  }
  interface EdtfInterval {
    type: "Interval";
    edtf: string;
    lower: EdtfDate | null;
    upper: EdtfDate | null;
    min: number;
    max: number;
  }
  interface EdtfOther {
    type: "Year" | "Decade" | "Century" | "Season" | "List" | "Set";
    edtf: string;
    min: number;
    max: number;
  }
  export type EdtfValue = EdtfDate | EdtfInterval | EdtfOther;
  /** Reads an EDTF string into its date object; throws on what is not EDTF (or not a real date). */
  export default function edtf(value: string, constraints?: { level?: number; types?: string[] }): EdtfValue;
}
