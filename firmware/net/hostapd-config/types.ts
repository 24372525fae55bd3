// The typed access-point configuration this module turns into a hostapd.conf. Self-contained on purpose:
// nothing here imports the rest of the firmware, so the module can be tested and reused on its own.

export type Band = '2.4' | '5';
/** wpa2 = WPA2-PSK, wpa3 = WPA3-SAE only, transition = WPA2-PSK and WPA3-SAE on one SSID. */
export type Security = 'wpa2' | 'wpa3' | 'transition';
/** Protected Management Frames (802.11w): hostapd's ieee80211w 0 / 1 / 2. */
export type Pmf = 'disabled' | 'optional' | 'required';
export type ChannelWidth = 20 | 40 | 80;

export interface AccessPointConfig {
  /** Wireless interface hostapd drives, e.g. wlan0. */
  interface: string;
  /** 1-32 bytes of UTF-8. */
  ssid: string;
  /** ISO 3166-1 alpha-2, uppercase (regulatory domain). */
  country: string;
  band: Band;
  channel: number;
  security: Security;
  /** 8-63 printable ASCII characters, or a 64-hex-digit PSK (WPA2 only). Optional when wpaPskFile is set. */
  passphrase?: string;
  /** Defaults: wpa2 → disabled (the Pi's built-in radio is unreliable with PMF), wpa3 → required, transition → optional. */
  pmf?: Pmf;
  /** Path of a hostapd wpa_psk_file holding one PSK per card (WPA2 only). */
  wpaPskFile?: string;
  /** 802.11n (HT, 2.4 and 5 GHz). Default true. WMM is always on: HT requires it, and phones expect it. */
  ieee80211n?: boolean;
  /** 802.11ac (VHT, 5 GHz only). Default false. */
  ieee80211ac?: boolean;
  /** Default 20 MHz: the safest width in an unknown, crowded venue. */
  channelWidth?: ChannelWidth;
  /** Stations cannot talk to each other directly. Default true: voters only ever talk to the appliance. */
  clientIsolation?: boolean;
  /** hostapd max_num_sta, 1-2007. */
  maxStations?: number;
  /** Where hostapd_cli finds the control socket. Default /run/hostapd. */
  ctrlInterface?: string;
  /** Kernel driver interface. Default nl80211 (every in-kernel Wi-Fi driver). */
  driver?: 'nl80211';
}

/** One refused value: which field, which rule, and a sentence for a technician. */
export interface ConfigIssue {
  field: string;
  rule: string;
  message: string;
}

export type RenderResult = { ok: true; text: string } | { ok: false; issues: ConfigIssue[] };
