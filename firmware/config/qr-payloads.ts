// Shared by provisioning (the printed cards) and the appliance (the projector screen).
// The strings the cards' QR codes carry. Phones' camera apps understand the `WIFI:` form (ZXing's
// de-facto standard) and join the network; the login URL carries the code in the fragment so it never
// reaches a server log or a Referer header, and the voter web app reads it from there.

/** Backslash-escapes the characters the WIFI: syntax reserves. */
export function escapeWifiField(value: string): string {
  return value.replace(/[\\;,:"]/g, (c) => `\\${c}`);
}

/** WPA network (one of WPA2/WPA3, the phone negotiates) or, without a passphrase, an open network. */
export function wifiQrPayload(ssid: string, passphrase: string | undefined): string {
  if (passphrase === undefined) return `WIFI:T:nopass;S:${escapeWifiField(ssid)};;`;
  return `WIFI:T:WPA;S:${escapeWifiField(ssid)};P:${escapeWifiField(passphrase)};;`;
}

export function loginUrl(host: string, code: string, https: boolean): string {
  return `${https ? 'https' : 'http'}://${host}/#code=${code}`;
}

/** The address printed (without a code) for voters who type it in. */
export function portalUrl(host: string, https: boolean): string {
  return `${https ? 'https' : 'http'}://${host}/`;
}
