/**
 * The event that gives the entity cards more entities than the server's page holds (detail: the
 * entities, as `EntityCardView`s): those of names drawn in the browser, a reader's private ones.
 */
export const CARD_ENTITIES_EVENT = "gloss:card-entities";
