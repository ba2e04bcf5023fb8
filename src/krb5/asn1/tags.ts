/**
 * ASN.1 identifier octets (X.690 section 8.1.2): a tag is a class, a constructed bit and a
 * number. Kerberos uses UNIVERSAL types, APPLICATION tags for whole messages and explicit
 * context tags ([n]) for SEQUENCE fields.
 */

export type TagClass = 'universal' | 'application' | 'context' | 'private';

export interface Tag {
  readonly tagClass: TagClass;
  readonly constructed: boolean;
  readonly number: number;
}

/** The class bits (the two high bits of the first identifier octet), by class. */
export const CLASS_BITS: Readonly<Record<TagClass, number>> = {
  universal: 0x00,
  application: 0x40,
  context: 0x80,
  private: 0xc0,
};

const CLASSES: readonly TagClass[] = ['universal', 'application', 'context', 'private'];

/** The class whose bits are the two high bits of `firstOctet`. */
export function tagClassOf(firstOctet: number): TagClass {
  return CLASSES[firstOctet >> 6] as TagClass;
}

function universal(number: number, constructed: boolean): Tag {
  return { tagClass: 'universal', constructed, number };
}

export const BOOLEAN = universal(1, false);
export const INTEGER = universal(2, false);
export const BIT_STRING = universal(3, false);
export const OCTET_STRING = universal(4, false);
export const SEQUENCE = universal(16, true);
export const GENERALIZED_TIME = universal(24, false);
export const GENERAL_STRING = universal(27, false);

/** Constructed tags of `tagClass` for the single-octet numbers, made once. */
function constructedTags(tagClass: TagClass): readonly Tag[] {
  return Array.from({ length: 0x1f }, (_, number) =>
    Object.freeze({ tagClass, constructed: true, number }),
  );
}

const APPLICATION_TAGS = constructedTags('application');
const CONTEXT_TAGS = constructedTags('context');

/** `[APPLICATION n]`, constructed: how Kerberos tags its messages (RFC 4120 section 5.1). */
export function applicationTag(number: number): Tag {
  return APPLICATION_TAGS[number] ?? { tagClass: 'application', constructed: true, number };
}

/** `[n]` explicit context tag, constructed: every Kerberos SEQUENCE field (RFC 4120 5.2). */
export function contextTag(number: number): Tag {
  return CONTEXT_TAGS[number] ?? { tagClass: 'context', constructed: true, number };
}

/** True when both tags have the same class, constructed bit and number. */
export function sameTag(a: Tag, b: Tag): boolean {
  return a.tagClass === b.tagClass && a.constructed === b.constructed && a.number === b.number;
}

const UNIVERSAL_NAMES: Readonly<Record<number, string>> = {
  1: 'BOOLEAN',
  2: 'INTEGER',
  3: 'BIT STRING',
  4: 'OCTET STRING',
  16: 'SEQUENCE',
  24: 'GeneralizedTime',
  27: 'GeneralString',
};

function baseName(tag: Tag): string {
  switch (tag.tagClass) {
    case 'universal':
      return UNIVERSAL_NAMES[tag.number] ?? `UNIVERSAL ${tag.number}`;
    case 'application':
      return `[APPLICATION ${tag.number}]`;
    case 'context':
      return `[${tag.number}]`;
    case 'private':
      return `[PRIVATE ${tag.number}]`;
  }
}

/** The form Kerberos uses: constructed for SEQUENCE and every tagged wrapper. */
function usualForm(tag: Tag): boolean {
  return tag.tagClass === 'universal' ? tag.number === SEQUENCE.number : true;
}

/** A short human form of a tag for error messages: `INTEGER`, `[APPLICATION 30]`, `[3]`. */
export function describeTag(tag: Tag): string {
  if (tag.constructed === usualForm(tag)) return baseName(tag);
  return `${baseName(tag)} (${tag.constructed ? 'constructed' : 'primitive'})`;
}
