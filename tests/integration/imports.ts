import { expect } from "vitest";
import { POST as postDocument } from "@/app/api/documents/route";
import { GET as getImport } from "@/app/api/imports/[id]/route";

/** What a test sends as an import form: a file (bytes and name) or text, and fields. */
export interface ImportFormInput {
  file?: { bytes: Uint8Array | string; name: string; type?: string };
  fields?: Record<string, string | string[]>;
}

/** The multipart form of an import. */
export function importFormData(input: ImportFormInput): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(input.fields ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  }
  if (input.file) {
    const bytes = typeof input.file.bytes === "string" ? new TextEncoder().encode(input.file.bytes) : input.file.bytes;
    form.append("file", new Blob([Buffer.from(bytes)], { type: input.file.type ?? "" }), input.file.name);
  }
  return form;
}

/** POST /api/documents through its route handler, as `cookie`'s account. */
export function postImport(input: ImportFormInput, cookie?: string, path = "/api/documents", handler = postDocument): Promise<Response> {
  return handler(
    new Request(`http://gloss.test${path}`, {
      method: "POST",
      headers: cookie ? { cookie } : {},
      body: importFormData(input),
    }),
    { params: Promise.resolve({}) } as never,
  );
}

/** GET /api/imports/:id. */
export function importStatus(id: string, cookie?: string): Promise<Response> {
  return getImport(new Request(`http://gloss.test/api/imports/${id}`, { headers: cookie ? { cookie } : {} }), {
    params: Promise.resolve({ id }),
  });
}

/** Polls an import until it is over (done or failed); returns its last state. */
export async function waitForImport(id: string, cookie: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await importStatus(id, cookie);
    expect(response.status).toBe(200);
    const body = await response.json();
    if (body.status === "done" || body.status === "failed") return body;
    if (Date.now() > until) throw new Error(`import ${id} still ${body.status} (${body.stage}) after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
