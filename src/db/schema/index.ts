export * from './accounts.js';
export * from './audit.js';
export * from './directory.js';
export * from './persons.js';
export * from './platform.js';
export * from './assessments.js';
