// Which channels the appliance may serve on, per band and country, "as far as we can know": we only offer
// channels that need no radar detection (DFS), because the Pi's radios cannot do DFS as an access point.
import type { Band, ChannelWidth } from './types.js';
import { FCC_2G_COUNTRIES, UNII3_COUNTRIES } from './countries.js';

const UNII1 = [36, 40, 44, 48];
const UNII3 = [149, 153, 157, 161, 165];
/** 52-64 and 100-144: allowed in many countries, but only with radar detection. */
export const DFS_CHANNELS: ReadonlySet<number> = new Set([52, 56, 60, 64, 100, 104, 108, 112, 116, 120, 124, 128, 132, 136, 140, 144]);

export function allowedChannels(band: Band, country: string): number[] {
  if (band === '2.4') {
    const last = FCC_2G_COUNTRIES.has(country) ? 11 : 13;
    return Array.from({ length: last }, (_, i) => i + 1);
  }
  return UNII3_COUNTRIES.has(country) ? [...UNII1, ...UNII3] : [...UNII1];
}

/** The three channels that do not overlap on 2.4 GHz, where a crowded venue should be. */
export const NON_OVERLAPPING_2G = [1, 6, 11] as const;

/** 5 GHz channel groups that a 40 or 80 MHz channel spans, with the VHT centre index. */
const GROUPS_5G: Array<{ width: 40 | 80; channels: number[]; centre: number }> = [
  { width: 40, channels: [36, 40], centre: 38 },
  { width: 40, channels: [44, 48], centre: 46 },
  { width: 40, channels: [149, 153], centre: 151 },
  { width: 40, channels: [157, 161], centre: 159 },
  { width: 80, channels: [36, 40, 44, 48], centre: 42 },
  { width: 80, channels: [149, 153, 157, 161], centre: 155 },
];

export interface WidthPlan {
  /** HT40 secondary channel direction, when 40 MHz or more. */
  ht40?: '+' | '-';
  /** VHT centre frequency index for 80 MHz (and for 40 MHz when VHT is on). */
  vhtCentre?: number;
}

/** How a wider channel is laid out, or null when that width does not fit there. */
export function planWidth(band: Band, channel: number, width: ChannelWidth, allowed: number[]): WidthPlan | null {
  if (width === 20) return {};
  if (band === '2.4') {
    if (width !== 40) return null;
    const last = allowed[allowed.length - 1] ?? 11;
    if (channel + 4 <= last) return { ht40: '+' };
    if (channel - 4 >= 1) return { ht40: '-' };
    return null;
  }
  const group = GROUPS_5G.find((g) => g.width === width && g.channels.includes(channel));
  if (!group || !group.channels.every((c) => allowed.includes(c))) return null;
  const pair = Math.floor(group.channels.indexOf(channel) / 2) * 2;
  // Within the group the lower channel of each 40 MHz pair has its secondary above, the upper below.
  const ht40 = group.channels.indexOf(channel) === pair ? '+' : '-';
  return { ht40, vhtCentre: group.centre };
}
