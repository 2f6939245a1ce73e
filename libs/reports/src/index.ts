export * from './report-model.js';
export * from './working-days.js';
export * from './large-value.js';
export * from './formats/camlmac-mapping.js';
export * from './formats/camlmac.js';
export * from './formats/goaml.js';
export * from './formats/extracts.js';
