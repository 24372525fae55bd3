// Network settings chosen at provisioning (DESIGN §6). The Wi-Fi values are validated in depth by the
// hostapd-config module when configs are rendered and at provisioning; here they are checked for shape.
import { z } from 'zod';

export const networkSchema = z.strictObject({
  mode: z.enum(['onboard', 'usb-radio', 'external-ap', 'venue']).default('onboard'),
  /** The access point's SSID (the venue network's SSID in venue mode, when joining over Wi-Fi). */
  ssid: z.string().min(1).max(64).default('Conclave'),
  /** The shared WPA passphrase printed on every card (unless per-card Wi-Fi is on). */
  wifiPassphrase: z.string().min(8).max(64).optional(),
  security: z.enum(['wpa2', 'wpa3', 'transition']).default('wpa2'),
  country: z.string().regex(/^[A-Z]{2}$/, 'two uppercase letters').default('NL'),
  band: z.enum(['2.4', '5']).default('2.4'),
  channel: z.union([z.literal('auto'), z.number().int().min(1).max(196)]).default('auto'),
  /** One PSK per card (hostapd wpa_psk_file); 64-hex PSKs derived at provisioning. */
  cardPsks: z.array(z.strictObject({ label: z.string(), psk: z.string().regex(/^[0-9a-f]{64}$/) })).optional(),
  /** The appliance's own address on the voter network and the prefix length of that network. */
  address: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/).default('10.42.0.1'),
  prefix: z.number().int().min(16).max(29).default(24),
  /** The host name voters and the chair use; DNS answers it locally. */
  host: z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/).default('stem.conclave.internal'),
  tls: z
    .strictObject({
      /** true: an organisation-provided certificate for `host` (voters use HTTPS too); false: per-device cert for the chair. */
      trusted: z.boolean(),
      certPem: z.string().max(20_000),
      keyPem: z.string().max(20_000),
      fingerprint: z.string().regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/),
    })
    .optional(),
  /** venue mode: the network to join as a client; absent means Ethernet with DHCP. */
  venueWifi: z.strictObject({ ssid: z.string().min(1).max(32), passphrase: z.string().min(8).max(63) }).optional(),
});
export type NetworkSettings = z.infer<typeof networkSchema>;
