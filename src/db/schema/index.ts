export * from './accounts.js';
export * from './audit.js';
export * from './directory.js';
export * from './persons.js';
export * from './platform.js';
export * from './requests.js';
export * from './pathway.js';
export * from './assessments.js';
