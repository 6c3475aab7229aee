// Where file bytes live (images, renditions, consent documents): content-addressed by SHA-256.
// The filesystem store is the default; an object store (S3 and the like) can implement the same.

export interface FileStore {
  /** Stores the bytes (idempotent: the same bytes land once) and returns their SHA-256, hex. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes with this SHA-256, or null when absent. */
  get(sha256: string): Promise<Uint8Array | null>;
  has(sha256: string): Promise<boolean>;
  /** Removes the bytes; true when they were there. Callers check no record still names them. */
  delete(sha256: string): Promise<boolean>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Guards the paths built from digests: only 64 lowercase hex characters name a file. */
export function isSha256(value: string): boolean {
  return SHA256.test(value);
}
