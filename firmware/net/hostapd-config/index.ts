// hostapd-config: a typed access-point configuration in, a hostapd.conf out. No imports from the rest of the
// firmware (see DESIGN §6).
export type { AccessPointConfig, Band, ChannelWidth, ConfigIssue, Pmf, RenderResult, Security } from './types.js';
export { renderHostapdConf, renderWpaPskFile, ssidLines } from './render.js';
export { checkCountry, checkPassphrase, checkSsid, defaultPmf, ssidByteLength, validate } from './validate.js';
export { allowedChannels, DFS_CHANNELS, NON_OVERLAPPING_2G, planWidth } from './channels.js';
export { COUNTRY_CODES } from './countries.js';
