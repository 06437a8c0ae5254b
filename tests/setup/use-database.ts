import { inject } from "vitest";

// Point lib/db at the test database before any test module creates the client.
process.env.DATABASE_URL = inject("databaseUrl");
