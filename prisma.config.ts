/**
 * Prisma CLI configuration: the WebAssembly schema engine through the pg driver adapter, so that
 * `prisma migrate` needs no native engine binary (none can be downloaded on an offline machine).
 *
 * The three patches below work around upstream defects of Prisma 6.19 and only affect the CLI
 * process that loads this file; the application's runtime client needs none of them.
 */
import { randomUUID } from "node:crypto";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// `prisma generate` reads the datasource url too, but never connects: a placeholder will do.
process.env.DATABASE_URL ??= "postgresql://placeholder@localhost:5432/placeholder";

// Workaround 1 (prisma/orm#27403): the schema engine introspects catalog columns whose types
// (name, "char", regclass, ...) adapter-pg rejects. Present them to the adapter as text / text[].
const CATALOG_SCALARS = new Set([18, 19, 22, 24, 28, 30, 194, 1033, 2205, 2206, 3734, 4089]);
const CATALOG_ARRAYS = new Set([1002, 1003, 1006, 1008, 1011, 1013, 1034, 2210, 2211]);
type FieldDescription = { dataTypeID: number };
const resultPrototype = (pg as unknown as { Result: { prototype: { addFields(fields: FieldDescription[]): void } } }).Result.prototype;
const addFields = resultPrototype.addFields;
resultPrototype.addFields = function patchedAddFields(fields: FieldDescription[]) {
  for (const field of fields) {
    if (CATALOG_SCALARS.has(field.dataTypeID)) field.dataTypeID = 25;
    else if (CATALOG_ARRAYS.has(field.dataTypeID)) field.dataTypeID = 1009;
  }
  return addFields.call(this, fields);
};

// Workaround 3: the WebAssembly engine leaves 10 s / 60 s timers pending, so the CLI would linger
// after `migrate deploy`. Long timers must not keep this process alive (and neither must idle
// pooled connections: see `allowExitOnIdle` below).
for (const name of ["setTimeout", "setInterval"] as const) {
  const original = globalThis[name] as (...args: unknown[]) => { unref?: () => void };
  (globalThis as Record<string, unknown>)[name] = (...args: unknown[]) => {
    const timer = original(...args);
    if (typeof args[1] === "number" && args[1] >= 10_000) timer?.unref?.();
    return timer;
  };
}

async function withAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Workaround 2: adapter-pg 6.19's `connectToShadowDb()` ignores the database when a connection
 * string is given, and drops the shadow database while still connected to it. Create and drop
 * it here instead.
 */
class ShadowAwarePrismaPg extends PrismaPg {
  constructor(private readonly url: string) {
    super({ connectionString: url, allowExitOnIdle: true });
  }

  override async connectToShadowDb() {
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await withAdmin(this.url, `CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(this.url);
    shadowUrl.pathname = `/${name}`;
    const adapter = await new PrismaPg({ connectionString: shadowUrl.toString(), allowExitOnIdle: true }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await withAdmin(this.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return adapter;
  }
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new ShadowAwarePrismaPg(process.env.DATABASE_URL as string);
  },
});
