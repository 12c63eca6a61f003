/**
 * `application/x-www-form-urlencoded` parameters (awsQuery, ec2Query) as a tree of their
 * dot-separated names: `Tags.member.1.Key=k` → root › Tags › member › 1 › Key = "k".
 */

export interface ParamNode {
  /** The value of the parameter whose name ends at this node, if it was sent. */
  value?: string;
  children?: Map<string, ParamNode>;
}

/**
 * Adds the parameters of one urlencoded string to `root`. When a name repeats, the first value
 * wins (as `URLSearchParams.get` and Java's `getParameter`). // unverified which AWS keeps
 */
export function addParams(root: ParamNode, encoded: string): void {
  if (encoded.length === 0) return;
  for (const [name, value] of new URLSearchParams(encoded)) {
    let node = root;
    let start = 0;
    for (;;) {
      const dot = name.indexOf('.', start);
      const part = dot === -1 ? name.slice(start) : name.slice(start, dot);
      node.children ??= new Map();
      let next = node.children.get(part);
      if (next === undefined) {
        next = {};
        node.children.set(part, next);
      }
      node = next;
      if (dot === -1) break;
      start = dot + 1;
    }
    node.value ??= value;
  }
}

/** The children of `node` named by positive integers (`1`, `2`, …), in numeric order. */
export function indexedChildren(node: ParamNode | undefined): ParamNode[] {
  if (node?.children === undefined) return [];
  const items: [number, ParamNode][] = [];
  for (const [k, child] of node.children) {
    const i = Number(k);
    if (Number.isInteger(i) && i > 0 && String(i) === k) items.push([i, child]);
  }
  items.sort((a, b) => a[0] - b[0]);
  return items.map((e) => e[1]);
}
