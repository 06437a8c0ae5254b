// Chromium through playwright-core, for the browser tests and the benchmarks.
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Where Debian's package puts Chromium. */
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * The Chromium to run: CHROMIUM_PATH when set; else the system's; else the one the
 * `@sparticuz/chromium` package carries inside itself (unpacked to the temporary folder on first
 * use, a few seconds), so that a machine with only Node and npm runs the browser tests.
 */
export async function chromiumExecutable(): Promise<string> {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!fs.existsSync(chosen)) throw new Error(`CHROMIUM_PATH names ${chosen}, which does not exist.`);
    return chosen;
  }
  if (fs.existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const packaged = (await import("@sparticuz/chromium")).default;
  return packaged.executablePath();
}

/**
 * Chromium started headless with the network-quiet flags (a closed network refuses its background
 * calls) and `extraArgs`.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumExecutable(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}
