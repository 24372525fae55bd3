// Just enough IPv4 arithmetic for the voter network: parse, format, subnet bounds.

export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export interface Subnet {
  network: number;
  broadcast: number;
  netmask: string;
}

export function subnetOf(address: number, prefix: number): Subnet {
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  return { network, broadcast: network + size - 1, netmask: formatIpv4(2 ** 32 - size) };
}
