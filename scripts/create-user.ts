// `npm run user:create -- --email a@b.c --password ... [--role annotator|editor] [--name ...]`:
// creates an account (through better-auth, so the password is hashed as sign-in expects) in the
// database (DATABASE_URL, or the embedded one, joining it when `npm start` already runs it).
import { parseArgs } from "node:util";
import { displayName, firstProblem, signUpSchema } from "../lib/accounts/credentials";
import { getAuth, ROLES, type Role } from "../lib/auth";
import { openDatabase } from "../lib/database/local-database";
import { migrateDatabase } from "../lib/database/migrate";
import { disconnectDb, getDb } from "../lib/db";
import { UserFacingError } from "../lib/errors";
import { runCli } from "./cli";

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        password: { type: "string" },
        role: { type: "string", default: "annotator" },
        name: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UserFacingError(
      `${(error as Error).message}. Usage: npm run user:create -- --email a@b.c --password ... [--role annotator|editor]`,
    );
  }
  const parsed = signUpSchema.safeParse({ email: values.email ?? "", password: values.password ?? "", name: values.name });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserFacingError(`${firstProblem(parsed.error)} (--${String(issue?.path[0] ?? "email")})`);
  }
  const { email, password } = parsed.data;
  const role = values.role as Role;
  if (!ROLES.includes(role)) throw new UserFacingError(`Unknown role "${values.role}": use ${ROLES.join(" or ")} (--role).`);
  return { email, password, role, name: displayName(parsed.data.name, email) };
}

runCli(async () => {
  const { email, password, role, name } = options();
  // No request here to take the site's address from; the account does not depend on it.
  process.env.BETTER_AUTH_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
  const database = await openDatabase();
  try {
    process.env.DATABASE_URL = database.url;
    await migrateDatabase(database.url);
    if (await getDb().user.findUnique({ where: { email }, select: { id: true } }))
      throw new UserFacingError(`An account with the email ${email} already exists.`);
    let id: string;
    try {
      ({
        user: { id },
      } = await getAuth().api.signUpEmail({ body: { email, password, name } }));
    } catch (error) {
      throw new UserFacingError(`Could not create the account: ${(error as Error).message}`);
    }
    await getDb().user.update({ where: { id }, data: { role } });
    console.log(`created ${role} ${email} (id ${id})`);
  } finally {
    await disconnectDb();
    await database.stop();
  }
});
