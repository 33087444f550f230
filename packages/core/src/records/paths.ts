/**
 * Values at a schema path such as `names[].kind`, `methods[]` or `steps[].sourceIds[]`, each with
 * the concrete dotted path (`names.2.kind`) used in error messages.
 */
export function valuesAt(root: unknown, pattern: string): { path: string; value: unknown }[] {
  let found: { path: string; value: unknown }[] = [{ path: '', value: root }];
  for (const part of pattern.split('.')) {
    const isArray = part.endsWith('[]');
    const key = isArray ? part.slice(0, -2) : part;
    const next: { path: string; value: unknown }[] = [];
    for (const { path, value } of found) {
      if (value === null || typeof value !== 'object') continue;
      const child = (value as Record<string, unknown>)[key];
      const childPath = path ? `${path}.${key}` : key;
      if (!isArray) next.push({ path: childPath, value: child });
      else if (Array.isArray(child)) child.forEach((item: unknown, i) => next.push({ path: `${childPath}.${i}`, value: item }));
    }
    found = next;
  }
  return found.filter((f) => f.value !== undefined && f.value !== null);
}

/** Sets the value at a concrete dotted path (`steps.0.at`). */
export function setAt(root: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node: Record<string, unknown> = root;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1] as string] = value;
}
