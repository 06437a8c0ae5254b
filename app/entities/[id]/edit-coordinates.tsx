import type { EntityRecord } from "@/lib/entities/user-entities";
import { updateCoordinatesAction } from "./actions";
import styles from "../../moderation/moderation.module.css";

/** An editor's form for a place's coordinates, in decimal degrees; works without JavaScript. */
export function EditCoordinates({ entity, etag, notice, error }: { entity: EntityRecord; etag: string; notice?: string; error?: string }) {
  return (
    <details className="entity-edit" id="coordinates" open={!!error || !!notice}>
      <summary>{entity.coordinates ? "Change the coordinates" : "Set the coordinates"}</summary>
      {notice ? <p role="status">{notice}</p> : null}
      {error ? <p role="alert">{error}</p> : null}
      <form action={updateCoordinatesAction} className={styles.form} aria-label={`Coordinates of ${entity.name}`}>
        <input type="hidden" name="id" value={entity.id} />
        <input type="hidden" name="etag" value={etag} />
        <p className="entity-edit-note">
          Decimal degrees (WGS 84): north and east are positive. Leave both empty to remove them; the gazetteer will not fill them again.
        </p>
        <label htmlFor="entity-latitude">Latitude (−90 to 90)</label>
        <input
          id="entity-latitude"
          name="latitude"
          inputMode="decimal"
          defaultValue={entity.coordinates?.latitude ?? ""}
          pattern="\s*-?[0-9]+(\.[0-9]+)?\s*"
        />
        <label htmlFor="entity-longitude">Longitude (−180 to 180)</label>
        <input
          id="entity-longitude"
          name="longitude"
          inputMode="decimal"
          defaultValue={entity.coordinates?.longitude ?? ""}
          pattern="\s*-?[0-9]+(\.[0-9]+)?\s*"
        />
        <button type="submit">Save the coordinates</button>
      </form>
    </details>
  );
}
