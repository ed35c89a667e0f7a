/**
 * Public half of the key that signs Linux updates (`scripts/gen-update-key.ts`
 * writes this file; docs/RELEASING.md says how to sign). An update whose
 * `.sig` does not verify with this key is never installed.
 */
export const UPDATE_PUBLIC_KEY_PEM = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAF83Z5TLOCKULmxKYWFqduoNni9K6fPQ8d4ubo1L/3Js=\n-----END PUBLIC KEY-----\n";
