/**
 * A small, strict, namespace-aware XML reader for SAML metadata documents. It refuses DOCTYPE
 * (no entity expansion, no external entities), knows only the five predefined entities and
 * character references, and keeps what an element tree needs: names resolved to namespace URIs,
 * attributes, text.
 */
export interface XmlElement {
  readonly prefix: string;
  readonly local: string;
  readonly ns: string;
  /** As written, namespace declarations included. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlNode[];
  /** The namespace bindings in scope here (prefix → URI; '' is the default namespace). */
  readonly scope: ReadonlyMap<string, string>;
}
export type XmlNode = XmlElement | { readonly text: string };

export class XmlError extends Error {}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescape(s: string): string {
  return s.replace(/&(#x[0-9A-Fa-f]+|#\d+|\w+);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError('a bare & in text');
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const v = ENTITIES[ref];
    if (v === undefined) throw new XmlError(`unknown entity ${m}`);
    return v;
  });
}

export function parseXml(text: string): XmlElement {
  let i = 0;
  // XML 1.0 §2.11: line breaks reach the application as \n.
  const src = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const skipMisc = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i]!)) i++;
      if (src.startsWith('<?', i)) {
        const end = src.indexOf('?>', i);
        if (end === -1) throw new XmlError('unterminated processing instruction');
        i = end + 2;
      } else if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end === -1) throw new XmlError('unterminated comment');
        i = end + 3;
      } else if (src.startsWith('<!DOCTYPE', i) || src.startsWith('<!doctype', i)) {
        throw new XmlError('DOCTYPE is not accepted');
      } else return;
    }
  };

  const element = (scope: ReadonlyMap<string, string>): XmlElement => {
    if (src[i] !== '<') throw new XmlError(`expected an element at ${i}`);
    i++;
    const qname = NAME.exec(src.slice(i, i + 300))?.[0];
    if (qname === undefined) throw new XmlError(`bad element name at ${i}`);
    i += qname.length;
    const raw = new Map<string, string>();
    for (;;) {
      while (/\s/.test(src[i] ?? '')) i++;
      if (src[i] === '>' || src.startsWith('/>', i)) break;
      const an = NAME.exec(src.slice(i, i + 300))?.[0];
      if (an === undefined) throw new XmlError(`bad attribute at ${i}`);
      i += an.length;
      while (/\s/.test(src[i] ?? '')) i++;
      if (src[i] !== '=') throw new XmlError(`expected = at ${i}`);
      i++;
      while (/\s/.test(src[i] ?? '')) i++;
      const q = src[i];
      if (q !== '"' && q !== "'") throw new XmlError(`expected a quoted value at ${i}`);
      const end = src.indexOf(q, i + 1);
      if (end === -1) throw new XmlError('unterminated attribute value');
      const value = src.slice(i + 1, end);
      if (value.includes('<')) throw new XmlError('< in an attribute value');
      if (raw.has(an)) throw new XmlError(`duplicate attribute ${an}`);
      // XML 1.0 §3.3.3: literal whitespace in an attribute value reads as spaces.
      raw.set(an, unescape(value.replace(/[\t\n]/g, ' ')));
      i = end + 1;
    }
    const ns = new Map(scope);
    for (const [k, v] of raw) {
      if (k === 'xmlns') ns.set('', v);
      else if (k.startsWith('xmlns:')) ns.set(k.slice(6), v);
    }
    const [prefix, local] = qname.includes(':') ? (qname.split(':') as [string, string]) : ['', qname];
    const uri = ns.get(prefix);
    if (uri === undefined && prefix !== '') throw new XmlError(`undeclared prefix ${prefix}`);
    const children: XmlNode[] = [];
    if (src.startsWith('/>', i)) {
      i += 2;
      return { prefix, local, ns: uri ?? '', attributes: raw, children, scope: ns };
    }
    i++;
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt === -1) throw new XmlError(`unterminated element ${qname}`);
      if (lt > i) children.push({ text: unescape(src.slice(i, lt)) });
      i = lt;
      if (src.startsWith('</', i)) {
        const close = `</${qname}`;
        if (!src.startsWith(close, i)) throw new XmlError(`mismatched end tag for ${qname}`);
        i += close.length;
        while (/\s/.test(src[i] ?? '')) i++;
        if (src[i] !== '>') throw new XmlError(`bad end tag for ${qname}`);
        i++;
        return { prefix, local, ns: uri ?? '', attributes: raw, children, scope: ns };
      }
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end === -1) throw new XmlError('unterminated comment');
        i = end + 3;
      } else if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i);
        if (end === -1) throw new XmlError('unterminated CDATA');
        children.push({ text: src.slice(i + 9, end) });
        i = end + 3;
      } else if (src.startsWith('<?', i)) {
        const end = src.indexOf('?>', i);
        if (end === -1) throw new XmlError('unterminated processing instruction');
        i = end + 2;
      } else if (src.startsWith('<!', i)) {
        throw new XmlError('declarations are not accepted');
      } else children.push(element(ns));
    }
  };

  skipMisc();
  const root = element(new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
  skipMisc();
  if (i !== src.length) throw new XmlError('content after the document element');
  return root;
}

export const isElement = (n: XmlNode): n is XmlElement => 'local' in n;

/** Child elements with this namespace URI and local name. */
export function childrenNamed(e: XmlElement, ns: string, local: string): XmlElement[] {
  return e.children.filter((c): c is XmlElement => isElement(c) && c.ns === ns && c.local === local);
}

/** All descendants (depth first) with this namespace URI and local name. */
export function descendantsNamed(e: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of e.children) {
    if (!isElement(c)) continue;
    if (c.ns === ns && c.local === local) out.push(c);
    out.push(...descendantsNamed(c, ns, local));
  }
  return out;
}

export const textOf = (e: XmlElement): string => e.children.map((c) => (isElement(c) ? textOf(c) : c.text)).join('');
