import { isIPv4, isIPv6 } from 'node:net';

/**
 * IPv4 and IPv6 CIDR blocks for IpAddress / NotIpAddress (IAM UG, condition operators: "IP
 * address condition operators let you construct Condition elements that restrict access based on
 * comparing a key to an IPv4 or IPv6 address or range of IP addresses"; RFC 4632 / RFC 4291).
 */
export interface Cidr {
  readonly v6: boolean;
  readonly network: bigint;
  readonly mask: bigint;
}

function v4ToBigInt(ip: string): bigint {
  let n = 0n;
  for (const part of ip.split('.')) n = (n << 8n) | BigInt(Number(part));
  return n;
}

function v6ToBigInt(ip: string): bigint | undefined {
  let text = ip;
  let tail: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    // embedded IPv4 in the last 32 bits (e.g. ::ffff:10.0.0.1)
    tail = v4ToBigInt(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const fill = rest === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right];
  if (groups.length !== 8) return undefined;
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(parseInt(g, 16));
  return tail === undefined ? n : (n & ~0xffffffffn) | tail;
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

/** An address as (v6, value); IPv4-mapped IPv6 addresses (dual-stack sockets) count as IPv4. */
export function parseIp(ip: string): { v6: boolean; value: bigint } | undefined {
  if (isIPv4(ip)) return { v6: false, value: v4ToBigInt(ip) };
  const bare = ip.split('%')[0]!;
  if (!isIPv6(bare)) return undefined;
  const value = v6ToBigInt(bare);
  if (value === undefined) return undefined;
  if (value >> 32n === V4_MAPPED_PREFIX >> 32n) return { v6: false, value: value & 0xffffffffn };
  return { v6: true, value };
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr, bits] = text.trim().split('/') as [string, string | undefined];
  const ip = parseIp(addr);
  if (ip === undefined) return undefined;
  const width = ip.v6 ? 128 : 32;
  const prefix = bits === undefined ? width : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > width) return undefined;
  const all = (1n << BigInt(width)) - 1n;
  const mask = prefix === 0 ? 0n : (all >> BigInt(width - prefix)) << BigInt(width - prefix);
  return { v6: ip.v6, network: ip.value & mask, mask };
}

export function cidrContains(cidr: Cidr, ip: { v6: boolean; value: bigint }): boolean {
  return cidr.v6 === ip.v6 && (ip.value & cidr.mask) === cidr.network;
}
