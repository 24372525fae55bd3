// The resolved network plan: settings from the bundle plus the interfaces found on this device. Every
// renderer works from this one value, so what hostapd, dnsmasq and nftables are told always agrees.
import type { NetworkMode } from './stations.js';
import type { Pool } from './pool.js';

export interface NetPlan {
  mode: NetworkMode;
  /** The name voters and the chair use; DNS answers it (and everything else) with `address`. */
  host: string;
  address: string;
  prefix: number;
  /** Where we serve DHCP, DNS and the portal (the radio, or Ethernet for external-ap); null in venue mode. */
  serving: string | null;
  /** hostapd's interface in onboard and usb-radio mode. */
  radio: string | null;
  /** venue mode: the interface joined to the venue network. */
  uplink: string | null;
  /** An organisation certificate for `host`: voters are sent to HTTPS and DHCP announces RFC 8910 option 114. */
  tlsTrusted: boolean;
  httpPort: number;
  httpsPort: number;
  /** dnsmasq's lease database, on tmpfs so nothing about who was here survives a power cut. */
  leaseFile: string;
  pool: Pool | null;
}
