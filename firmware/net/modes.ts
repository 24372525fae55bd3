// What each network mode (DESIGN §6) runs and how big its DHCP pool is.
import { clientLimit, type NetworkMode } from './stations.js';

export interface ModeTraits {
  /** hostapd on one of our radios. */
  accessPoint: boolean;
  /** dnsmasq DHCP + wildcard DNS, nftables DNAT: we own the voter network. */
  ownsNetwork: boolean;
  /** Addresses the DHCP pool should hold: twice the client limit, because phones that randomise their MAC
   *  address per network (and reconnect after a portal sheet closes) can hold more than one lease. */
  poolWanted: number;
}

export function modeTraits(mode: NetworkMode): ModeTraits {
  const limit = clientLimit(mode);
  return {
    accessPoint: mode === 'onboard' || mode === 'usb-radio',
    ownsNetwork: mode !== 'venue',
    poolWanted: limit * 2,
  };
}
