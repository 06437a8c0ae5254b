import type { UploadLimits } from "../api/multipart-upload";
import { SOURCE_LIMITS } from "../sources/source-document";

/** What an import form may hold: one file of 50 MB, pasted text of 20 MB, a few short fields. */
export const IMPORT_FORM_LIMITS: UploadLimits = {
  fileBytes: SOURCE_LIMITS.maxUploadBytes,
  fieldBytes: 20 * 1024 * 1024,
  fields: 80,
};
