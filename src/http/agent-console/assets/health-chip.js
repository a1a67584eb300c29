// @ts-check
/** @import { CustomerHealthJson } from './agent-api.types.js' */
import { badge } from './dom.js';

/** What each band is called on a chip: the text says it, the colour only repeats it. */
export const HEALTH_BAND_LABELS = /** @type {const} */ ({ red: 'At risk', yellow: 'Watch', green: 'Healthy' });

/**
 * A customer's health as a chip, e.g. "At risk · 32" (class `badge-health-red`); null when the
 * server gave none.
 * @param {CustomerHealthJson | null | undefined} health
 * @returns {HTMLElement | null}
 */
export function healthChip(health) {
  if (!health) return null;
  const chip = badge(`${HEALTH_BAND_LABELS[health.band]} · ${health.score}`, `health-${health.band}`);
  chip.title = `Customer health ${health.score} of 100 (${health.band})`;
  chip.dataset.band = health.band;
  return chip;
}
