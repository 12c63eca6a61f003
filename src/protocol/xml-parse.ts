/**
 * A small, strict XML reader for request bodies of the XML protocols (restXml): elements,
 * attributes, text, the five predefined entities, character references, CDATA, comments and
 * processing instructions. A DOCTYPE is refused (no entity expansion, so no billion laughs).
 * Anything not well-formed throws XmlSyntaxError; the codec answers it with the protocol's error.
 */

export interface XmlElement {
  /** The local name (any `prefix:` removed). */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The concatenated character data directly inside this element. */
  text: string;
}

export class XmlSyntaxError extends Error {}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new XmlSyntaxError('unterminated entity reference');
    if (ref.startsWith('#x') || ref.startsWith('#X')) {
      const cp = Number.parseInt(ref.slice(2), 16);
      if (!/^[0-9a-fA-F]+$/.test(ref.slice(2)) || cp > 0x10ffff) throw new XmlSyntaxError('bad character reference');
      return String.fromCodePoint(cp);
    }
    if (ref.startsWith('#')) {
      if (!/^\d+$/.test(ref.slice(1))) throw new XmlSyntaxError('bad character reference');
      const cp = Number(ref.slice(1));
      if (cp > 0x10ffff) throw new XmlSyntaxError('bad character reference');
      return String.fromCodePoint(cp);
    }
    const e = ENTITIES[ref];
    if (e === undefined) throw new XmlSyntaxError(`unknown entity &${ref};`);
    return e;
  });
}

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/** Parses a whole document and returns its root element. */
export function parseXml(src: string): XmlElement {
  let i = 0;
  const n = src.length;
  if (src.charCodeAt(0) === 0xfeff) i = 1;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const skipMisc = (): void => {
    for (;;) {
      while (i < n && /\s/.test(src[i]!)) i++;
      if (src.startsWith('<?', i)) {
        const end = src.indexOf('?>', i + 2);
        if (end === -1) throw new XmlSyntaxError('unterminated processing instruction');
        i = end + 2;
      } else if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i + 4);
        if (end === -1) throw new XmlSyntaxError('unterminated comment');
        i = end + 3;
      } else return;
    }
  };

  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (m === null) throw new XmlSyntaxError(`name expected at ${i}`);
    i += m[0].length;
    return m[0];
  };

  skipMisc();
  if (src.startsWith('<!DOCTYPE', i)) throw new XmlSyntaxError('DOCTYPE is not allowed');
  while (i < n) {
    if (stack.length === 0) {
      if (root !== undefined) {
        skipMisc();
        if (i < n) throw new XmlSyntaxError('content after the root element');
        break;
      }
      if (src[i] !== '<') throw new XmlSyntaxError('root element expected');
    }
    const c = src[i];
    if (c !== '<') {
      const end = src.indexOf('<', i);
      const raw = src.slice(i, end === -1 ? n : end);
      if (raw.includes('>') && raw.includes(']]>')) throw new XmlSyntaxError("']]>' in text");
      stack[stack.length - 1]!.text += decodeEntities(raw);
      i = end === -1 ? n : end;
      continue;
    }
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end === -1) throw new XmlSyntaxError('unterminated comment');
      i = end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i + 9);
      if (end === -1 || stack.length === 0) throw new XmlSyntaxError('bad CDATA section');
      stack[stack.length - 1]!.text += src.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i + 2);
      if (end === -1) throw new XmlSyntaxError('unterminated processing instruction');
      i = end + 2;
      continue;
    }
    if (src.startsWith('<!', i)) throw new XmlSyntaxError('declarations are not allowed');
    if (src[i + 1] === '/') {
      i += 2;
      const name = readName();
      while (i < n && /\s/.test(src[i]!)) i++;
      if (src[i] !== '>') throw new XmlSyntaxError('> expected');
      i++;
      const open = stack.pop();
      if (open === undefined || open.name !== localName(name)) throw new XmlSyntaxError(`mismatched </${name}>`);
      continue;
    }
    i++;
    const qname = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = i;
      while (i < n && /\s/.test(src[i]!)) i++;
      if (src[i] === '>' || src.startsWith('/>', i)) break;
      if (i === before) throw new XmlSyntaxError('whitespace expected between attributes');
      const an = readName();
      while (i < n && /\s/.test(src[i]!)) i++;
      if (src[i] !== '=') throw new XmlSyntaxError('= expected');
      i++;
      while (i < n && /\s/.test(src[i]!)) i++;
      const q = src[i];
      if (q !== '"' && q !== "'") throw new XmlSyntaxError('quoted attribute value expected');
      const end = src.indexOf(q, i + 1);
      if (end === -1) throw new XmlSyntaxError('unterminated attribute value');
      const value = src.slice(i + 1, end);
      if (value.includes('<')) throw new XmlSyntaxError('< in attribute value');
      if (Object.hasOwn(attributes, an)) throw new XmlSyntaxError(`duplicate attribute ${an}`);
      attributes[an] = decodeEntities(value);
      i = end + 1;
    }
    const el: XmlElement = { name: localName(qname), attributes, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else root = el;
    if (src[i] === '/') {
      i += 2;
    } else {
      i++;
      stack.push(el);
    }
  }
  if (stack.length > 0 || root === undefined) throw new XmlSyntaxError('unexpected end of document');
  return root;
}
