import { DomainError } from "../errors";

/** Which Content-Types a route reads, and what it asks for instead (the 415's message). */
export interface MediaTypes {
  accepts(header: string | null): boolean;
  asked(header: string | null): string;
}

/** Plain JSON (`application/json`, with any parameters): what every route but the annotation routes reads. */
export const JSON_MEDIA_TYPES: MediaTypes = {
  accepts: (header) => (header ?? "").split(";")[0].trim().toLowerCase() === "application/json",
  asked: (header) => `Send JSON (application/json), not ${header ? `"${header}"` : "without a Content-Type"}.`,
};

/** Refuses (unsupported_media_type) a Content-Type `media` does not accept. */
export function checkMediaType(header: string | null, media: MediaTypes = JSON_MEDIA_TYPES): void {
  if (!media.accepts(header)) throw new DomainError("unsupported_media_type", media.asked(header));
}

const tooLarge = (limit: number) => new DomainError("too_large", `The body is larger than ${limit / 1024} KB.`);

/** The body as UTF-8 text, at most `limit` bytes: too_large beyond (read no further), bad_request when not valid UTF-8. */
export async function readLimitedText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new DomainError("bad_request", "The body is not valid UTF-8.");
  }
}

/** The decoded JSON body of `request`: of a media type `media` accepts, at most `limit` bytes, well-formed (bad_request otherwise). */
export async function readJsonBody(request: Request, limit: number, media: MediaTypes = JSON_MEDIA_TYPES): Promise<unknown> {
  checkMediaType(request.headers.get("content-type"), media);
  const text = await readLimitedText(request, limit);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError("bad_request", `The body is not valid JSON: ${(error as Error).message}`);
  }
}
