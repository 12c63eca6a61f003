import type { Protocol } from '../model/types.js';
import type { ProtocolCodec } from './codec.js';
import { jsonCodec } from './json.js';
import { queryCodec } from './query.js';
import { restXmlCodec } from './rest-xml.js';

/** The codec for a model's `metadata.protocol`, or undefined for protocols served elsewhere. */
export function codecFor(protocol: Protocol): ProtocolCodec | undefined {
  return protocol === 'json' ? jsonCodec : protocol === 'query' ? queryCodec : protocol === 'rest-xml' ? restXmlCodec : undefined;
}
