/**
 * The MIT "profile" tree behind krb5.conf and kdc.conf: named sections holding relations
 * (`tag = value`, a tag may repeat) and nested sections. One tree per configuration file;
 * a {@link Profile} answers queries across the files in priority order.
 */

/** One `tag = value` line. */
export interface ProfileRelation {
  readonly value: string;
  /** The value was written in double quotes (escapes already resolved). */
  readonly quoted: boolean;
  /** Written as `tag* = value`: no later file is consulted for this tag. */
  readonly final: boolean;
}

/** A section (`[name]`) or a subsection (`name = { ... }`) of one file. */
export class ProfileNode {
  /** Marked with `*`: no later file is consulted for anything below this node. */
  final = false;
  readonly relations = new Map<string, ProfileRelation[]>();
  readonly sections = new Map<string, ProfileNode>();

  addRelation(tag: string, relation: ProfileRelation): void {
    const list = this.relations.get(tag);
    if (list === undefined) this.relations.set(tag, [relation]);
    else list.push(relation);
  }

  /**
   * The subsection named `name`, created when absent. A repeated section in one file adds to
   * the first one (MIT does the same for top-level sections; for nested ones it is kinder).
   */
  section(name: string): ProfileNode {
    let node = this.sections.get(name);
    if (node === undefined) {
      node = new ProfileNode();
      this.sections.set(name, node);
    }
    return node;
  }
}

/** The parsed configuration files, earliest (highest priority) first. */
export class Profile {
  readonly files: readonly ProfileNode[];

  constructor(files: readonly ProfileNode[]) {
    this.files = files;
  }

  /**
   * Every relation at `path` (sections then the tag), earlier files first. A final section on
   * the path or a final relation stops the search after the file that has it.
   */
  relations(path: readonly string[]): ProfileRelation[] {
    const sectionPath = path.slice(0, -1);
    const tag = path[path.length - 1];
    if (tag === undefined) return [];

    const found: ProfileRelation[] = [];
    for (const root of this.files) {
      const hit = walk(root, sectionPath);
      if (hit === undefined) continue;
      const list = hit.node.relations.get(tag) ?? [];
      found.push(...list);
      if (hit.final || list.some((r) => r.final)) break;
    }
    return found;
  }

  /** The values at `path`, earlier files first. */
  values(path: readonly string[]): string[] {
    return this.relations(path).map((r) => r.value);
  }

  /** The first value at `path`: earlier files win. */
  value(path: readonly string[]): string | undefined {
    return this.relations(path)[0]?.value;
  }

  /** The names of the subsections below `path`, in order of first appearance. */
  sectionNames(path: readonly string[]): string[] {
    const names = new Set<string>();
    for (const root of this.files) {
      const hit = walk(root, path);
      if (hit === undefined) continue;
      for (const name of hit.node.sections.keys()) names.add(name);
      if (hit.final) break;
    }
    return [...names];
  }

  /** Whether some file has a section at `path`. */
  hasSection(path: readonly string[]): boolean {
    return this.files.some((root) => walk(root, path) !== undefined);
  }
}

function walk(
  root: ProfileNode,
  path: readonly string[],
): { node: ProfileNode; final: boolean } | undefined {
  let node = root;
  let final = false;
  for (const name of path) {
    const next = node.sections.get(name);
    if (next === undefined) return undefined;
    node = next;
    final ||= next.final;
  }
  return { node, final };
}
