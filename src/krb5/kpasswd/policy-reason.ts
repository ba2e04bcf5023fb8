/**
 * A reason the KDC (or its password server) refused a new password, parsed from an RFC 3244
 * result string. Lives in the Kerberos library; src/service/backend.ts re-exports it.
 */
export type PolicyReason =
  | { readonly kind: 'too_short'; readonly minLength?: number }
  | { readonly kind: 'too_few_classes'; readonly minClasses?: number }
  | { readonly kind: 'reused'; readonly history?: number }
  | { readonly kind: 'too_soon'; readonly until?: Date }
  | { readonly kind: 'dictionary' }
  | { readonly kind: 'other' };
