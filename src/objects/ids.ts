// Branded identifiers: a Cid is the base32 text of a CIDv1 (dag-cbor, sha2-256).
export type Cid = string & { readonly __brand: 'Cid' };
export type ModelName = string & { readonly __brand: 'ModelName' };
export type BranchName = string & { readonly __brand: 'BranchName' };
export type SchemaName = string & { readonly __brand: 'SchemaName' };

/** An IPLD link as plain data (the dag-json convention); the codec turns it into a CBOR tag 42. */
export interface Link {
  readonly '/': Cid;
}

export function link(cid: Cid): Link {
  return { '/': cid };
}
