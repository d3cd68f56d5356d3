export { encodeObject, cidOfBytes, type EncodedObject } from './encode-object.js';
export { decodeObject, isCid } from './decode-object.js';
export { DagCborEncoder } from './encode-dag-cbor.js';
