/**
 * XML Signature verification for SAML (the subset IdPs use, SAML V2.0 Bindings/Core §5.4):
 * an enveloped signature (`ds:Signature` inside the signed element, Reference URI="#<ID>" of
 * that element), transforms enveloped-signature + exclusive canonicalization
 * (http://www.w3.org/2001/10/xml-exc-c14n#, with an optional InclusiveNamespaces PrefixList),
 * SignedInfo canonicalized the same way, RSA-SHA256/RSA-SHA1 signatures, SHA-256/SHA-1 digests.
 * The key is the provider's registered certificate, never the document's own KeyInfo.
 *
 * Exclusive XML Canonicalization 1.0 (W3C REC xml-exc-c14n, without comments): namespace
 * declarations are rendered where visibly utilized (or listed in the PrefixList) and not already
 * rendered by an output ancestor; namespace declarations sorted by prefix, then attributes by
 * (namespace URI, local name); empty elements as start/end pairs; C14N's escaping.
 */
import { createHash, verify, type KeyObject } from 'node:crypto';
import { childrenNamed, isElement, type XmlElement } from './xml.js';

export const DS = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SIGNATURES: Readonly<Record<string, string>> = { 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'sha256', 'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'sha1' };
const DIGESTS: Readonly<Record<string, string>> = { 'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256', 'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1' };

export class SignatureError extends Error {}

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');

/** Exclusive C14N of `e` (without comments), leaving out `omit` (the enveloped signature). */
export function excC14n(e: XmlElement, inclusive: readonly string[] = [], omit?: XmlElement): string {
  const out: string[] = [];
  const walk = (el: XmlElement, rendered: ReadonlyMap<string, string>): void => {
    const attrs = [...el.attributes].filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'));
    const used = new Set<string>([el.prefix]);
    for (const [k] of attrs) if (k.includes(':')) used.add(k.split(':')[0]!);
    for (const p of inclusive) if (el.scope.has(p === '#default' ? '' : p)) used.add(p === '#default' ? '' : p);
    used.delete('xml');
    const decls: [string, string][] = [];
    const next = new Map(rendered);
    for (const p of used) {
      const uri = el.scope.get(p) ?? '';
      // The empty default namespace needs a declaration only to undo a rendered non-empty one.
      if (p === '' && uri === '' && (rendered.get('') ?? '') === '') continue;
      if (rendered.get(p) === uri) continue;
      decls.push([p, uri]);
      next.set(p, uri);
    }
    decls.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const uriOf = (k: string) => (k.includes(':') ? (el.scope.get(k.split(':')[0]!) ?? '') : '');
    const localOf = (k: string) => (k.includes(':') ? k.split(':')[1]! : k);
    attrs.sort((a, b) => {
      const ua = uriOf(a[0]), ub = uriOf(b[0]);
      if (ua !== ub) return ua < ub ? -1 : 1;
      const la = localOf(a[0]), lb = localOf(b[0]);
      return la < lb ? -1 : la > lb ? 1 : 0;
    });
    const qname = el.prefix === '' ? el.local : `${el.prefix}:${el.local}`;
    out.push(`<${qname}`);
    for (const [p, uri] of decls) out.push(p === '' ? ` xmlns="${escAttr(uri)}"` : ` xmlns:${p}="${escAttr(uri)}"`);
    for (const [k, v] of attrs) out.push(` ${k}="${escAttr(v)}"`);
    out.push('>');
    for (const c of el.children) {
      if (!isElement(c)) out.push(escText(c.text));
      else if (c !== omit) walk(c, next);
    }
    out.push(`</${qname}>`);
  };
  walk(e, new Map());
  return out.join('');
}

const one = (e: XmlElement, local: string): XmlElement => {
  const found = childrenNamed(e, DS, local);
  if (found.length !== 1) throw new SignatureError(`expected one ds:${local}`);
  return found[0]!;
};
const text = (e: XmlElement): string => e.children.map((c) => (isElement(c) ? '' : c.text)).join('');

function transformsOf(el: XmlElement): { prefixes: string[] } {
  let prefixes: string[] = [];
  for (const c of el.children) if (isElement(c) && c.ns === EXC_C14N && c.local === 'InclusiveNamespaces') prefixes = (c.attributes.get('PrefixList') ?? '').split(/\s+/).filter((p) => p !== '');
  return { prefixes };
}

/**
 * Verifies the enveloped signature of `signed` (a direct ds:Signature child) with `keys`; throws
 * SignatureError unless one verifies and the reference digest matches. `idAttribute` names the
 * element's ID attribute (SAML: `ID`).
 */
export function verifyEnveloped(signed: XmlElement, keys: readonly KeyObject[], idAttribute = 'ID'): void {
  const sigs = childrenNamed(signed, DS, 'Signature');
  if (sigs.length !== 1) throw new SignatureError('expected one enveloped ds:Signature');
  const sig = sigs[0]!;
  const signedInfo = one(sig, 'SignedInfo');
  const c14nMethod = one(signedInfo, 'CanonicalizationMethod');
  if (c14nMethod.attributes.get('Algorithm') !== EXC_C14N) throw new SignatureError('unsupported canonicalization');
  const sigAlg = SIGNATURES[one(signedInfo, 'SignatureMethod').attributes.get('Algorithm') ?? ''];
  if (sigAlg === undefined) throw new SignatureError('unsupported signature algorithm');
  const ref = one(signedInfo, 'Reference');
  const id = signed.attributes.get(idAttribute);
  // The reference must name the very element the signature sits in (no wrapping).
  if (id === undefined || id === '' || ref.attributes.get('URI') !== `#${id}`) throw new SignatureError('the reference does not name the signed element');
  const transforms = childrenNamed(ref, DS, 'Transforms')[0];
  let prefixes: string[] = [];
  let enveloped = false;
  let c14n = false;
  for (const t of transforms === undefined ? [] : childrenNamed(transforms, DS, 'Transform')) {
    const alg = t.attributes.get('Algorithm');
    if (alg === ENVELOPED) enveloped = true;
    else if (alg === EXC_C14N) {
      c14n = true;
      prefixes = transformsOf(t).prefixes;
    } else throw new SignatureError('unsupported transform');
  }
  if (!enveloped || !c14n) throw new SignatureError('expected enveloped-signature and exclusive c14n transforms');
  const digestAlg = DIGESTS[one(ref, 'DigestMethod').attributes.get('Algorithm') ?? ''];
  if (digestAlg === undefined) throw new SignatureError('unsupported digest');
  const digest = createHash(digestAlg).update(excC14n(signed, prefixes, sig), 'utf8').digest();
  const expected = Buffer.from(text(one(ref, 'DigestValue')).replace(/\s+/g, ''), 'base64');
  if (!digest.equals(expected)) throw new SignatureError('digest mismatch');
  const canonicalSignedInfo = Buffer.from(excC14n(signedInfo, transformsOf(c14nMethod).prefixes), 'utf8');
  const value = Buffer.from(text(one(sig, 'SignatureValue')).replace(/\s+/g, ''), 'base64');
  if (!keys.some((k) => verify(sigAlg, canonicalSignedInfo, k, value))) throw new SignatureError('signature mismatch');
}
