import { ENTITY_KINDS, ENTITY_KIND_NAMES } from "@/lib/entities/entity-kinds";
import type { EntityRecord } from "@/lib/entities/user-entities";
import { updateEntityAction } from "./actions";
import styles from "../../moderation/moderation.module.css";

/** The edit form an editor (or the entity's maker) sees on an entity's page; works without JavaScript. */
export function EditEntity({ entity, etag, notice, error }: { entity: EntityRecord; etag: string; notice?: string; error?: string }) {
  return (
    <details className="entity-edit" id="edit" open={!!error || !!notice}>
      <summary>Edit this entity</summary>
      {notice ? <p role="status">{notice}</p> : null}
      {error ? <p role="alert">{error}</p> : null}
      {entity.origin === "curated" ? (
        <p className="entity-edit-note">
          This entity comes from the edition’s curated file: a change made here lasts until that file next changes.
        </p>
      ) : null}
      <form action={updateEntityAction} className={styles.form} aria-label={`Edit ${entity.name}`}>
        <input type="hidden" name="id" value={entity.id} />
        <input type="hidden" name="etag" value={etag} />
        <label htmlFor="entity-name">Name</label>
        <input id="entity-name" name="name" defaultValue={entity.name} required maxLength={200} />
        <label htmlFor="entity-kind">Kind</label>
        <select id="entity-kind" name="kind" defaultValue={entity.kind}>
          {ENTITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {ENTITY_KIND_NAMES[kind]}
            </option>
          ))}
        </select>
        <label htmlFor="entity-aliases">Other names in the text (one a line)</label>
        <textarea id="entity-aliases" name="aliases" rows={4} defaultValue={entity.aliases.join("\n")} />
        <label htmlFor="entity-description">Description</label>
        <textarea id="entity-description" name="description" rows={3} maxLength={2000} defaultValue={entity.description} />
        <button type="submit">Save the entity</button>
      </form>
    </details>
  );
}
