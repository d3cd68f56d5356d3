export { RockyError } from './rocky-error.js';
export { ConflictError } from './conflict-error.js';
export { NotFoundError } from './not-found-error.js';
export { UsageError } from './usage-error.js';
export { CorruptObjectError } from './corrupt-object-error.js';
export { CompileError } from './compile-error.js';
export { WarehouseError } from './warehouse-error.js';
