/**
 * XML text escaping for the XML protocols. Elements are written by string concatenation in the
 * codecs; this module only makes text safe.
 */

// & < > must be escaped in text; " for attribute values. A carriage return is written as a
// character reference, as AWS does (`&#xD;`), so XML end-of-line normalisation keeps it; other
// C0 controls (not allowed literally in XML 1.0) likewise.
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b-\u001f]/;

export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 34) rep = '&quot;';
    else if (c < 32 && c !== 9 && c !== 10) rep = `&#x${c.toString(16).toUpperCase()};`;
    else continue;
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return out + s.slice(last);
}

/** `<name>text</name>` with the text escaped. */
export function textElement(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}
