export { buildSanctionsIndex } from './sanctions-index.js';
export { compareNames } from './compare-names.js';
