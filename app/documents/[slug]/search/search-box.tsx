import styles from "./search.module.css";

/**
 * The search form of a document: a GET form to `/documents/<slug>/search` with a labelled search
 * box, so it works with JavaScript off. Usable from any page (a server component).
 */
export function SearchBox({
  slug,
  defaultValue = "",
  label = "Search this text",
}: {
  slug: string;
  defaultValue?: string;
  label?: string;
}) {
  const id = `search-${slug}`;
  return (
    <form className={styles.searchBox} role="search" method="get" action={`/documents/${slug}/search`}>
      <label htmlFor={id}>{label}</label>
      <span className={styles.searchRow}>
        <input
          id={id}
          type="search"
          name="q"
          defaultValue={defaultValue}
          maxLength={200}
          required
          autoComplete="off"
          placeholder="e.g. Ghulja, Qasimi, treaty"
          data-search-input=""
        />
        <button type="submit">Search</button>
      </span>
    </form>
  );
}
