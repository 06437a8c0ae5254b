/** A same-site path to return to after signing in (`/…` but not `//…` or `/\…`), else "/". */
export function safeNext(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(value)) return "/";
  return value.slice(0, 2000);
}
