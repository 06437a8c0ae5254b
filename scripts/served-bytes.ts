import http from "node:http";

/** The bytes of `url`'s body as the server sends it for `encoding` (not decoded), and the coding it used. */
export function servedBytes(url: string, encoding: string): Promise<{ bytes: number; coding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": encoding } }, (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.byteLength));
        response.on("end", () => resolve({ bytes, coding: String(response.headers["content-encoding"] ?? "identity") }));
      })
      .on("error", reject);
  });
}
