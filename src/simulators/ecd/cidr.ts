/** An IPv4 CIDR block as a network address and prefix length. */
export interface Ipv4Block {
  /** Network address as an unsigned 32-bit integer, host bits cleared. */
  network: number;
  prefixLength: number;
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Candidates tried per private range when recommending free blocks, which bounds the search. */
const MAX_CANDIDATES_PER_RANGE = 4096;

/** Parses `a.b.c.d/n`, or returns undefined when the text is not an IPv4 CIDR block. */
export function parseCidr(text: string): Ipv4Block | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) {
    return undefined;
  }

  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefixLength > 32) {
    return undefined;
  }

  const address = octets.reduce((value, octet) => value * 256 + octet, 0);
  return { network: address - (address % blockSize(prefixLength)), prefixLength };
}

export function formatCidr(block: Ipv4Block): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(block.network / 2 ** shift) % 256);
  return `${octets.join('.')}/${block.prefixLength}`;
}

export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return (
    a.network < b.network + blockSize(b.prefixLength) &&
    b.network < a.network + blockSize(a.prefixLength)
  );
}

/** Returns up to `count` private blocks sized like `requested` that overlap no `occupied` block. */
export function recommendFreeBlocks(
  requested: Ipv4Block,
  occupied: Ipv4Block[],
  count: number,
): Ipv4Block[] {
  const free: Ipv4Block[] = [];
  for (const range of PRIVATE_RANGES.map((text) => parseCidr(text) as Ipv4Block)) {
    if (requested.prefixLength < range.prefixLength) {
      continue;
    }

    const step = blockSize(requested.prefixLength);
    const candidates = Math.min(blockSize(range.prefixLength) / step, MAX_CANDIDATES_PER_RANGE);
    for (let index = 0; index < candidates && free.length < count; index += 1) {
      const candidate = {
        network: range.network + index * step,
        prefixLength: requested.prefixLength,
      };
      if (![requested, ...occupied].some((block) => overlaps(block, candidate))) {
        free.push(candidate);
      }
    }
  }
  return free;
}

function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}
