// Sizes the DHCP pool inside the voter subnet: the low addresses stay free for the appliance and a technician's
// laptop, the appliance's own address is never handed out, and a subnet too small for the mode is reported.
import { formatIpv4, parseIpv4, subnetOf } from './ipv4.js';

export interface Pool {
  start: string;
  end: string;
  size: number;
  netmask: string;
  /** false when the subnet cannot hold the wanted number of addresses. */
  complete: boolean;
}

export function planPool(address: string, prefix: number, wanted: number): Pool | null {
  const addr = parseIpv4(address);
  if (addr === null) return null;
  const { network, broadcast, netmask } = subnetOf(addr, prefix);
  const first = network + 1;
  const last = broadcast - 1;
  if (addr < first || addr > last) return null;
  const reserve = Math.min(9, Math.floor((last - first) / 4));
  let lo = first + reserve;
  let hi = last;
  if (addr >= lo && addr <= hi) {
    // Take the larger side of the appliance's address.
    if (addr - lo >= hi - addr) hi = addr - 1;
    else lo = addr + 1;
  }
  if (hi < lo) return null;
  const size = Math.min(wanted, hi - lo + 1);
  return { start: formatIpv4(lo), end: formatIpv4(lo + size - 1), size, netmask, complete: size >= wanted };
}
