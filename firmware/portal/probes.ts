// The connectivity probes operating systems send when they join a network. Under the "stay captive" strategy
// every one of them gets the portal redirect, so the phone's portal sheet opens and stays the voting surface.
// The table exists so we know what we are answering (tests, and a technician asking "does X work?"); any host
// that is not ours is redirected whether or not it is listed.

export type ProbeFamily = 'apple' | 'android' | 'windows' | 'firefox' | 'chromeos' | 'networkmanager' | 'kindle';

interface ProbeRule {
  family: ProbeFamily;
  /** Exact host names (lowercase). */
  hosts: readonly string[];
  /** Paths that identify the probe on those hosts; null = any path (the host exists only to be probed). */
  paths: readonly string[] | null;
}

export const PROBES: readonly ProbeRule[] = [
  {
    family: 'apple',
    hosts: ['captive.apple.com', 'www.apple.com', 'www.appleiphonecell.com', 'www.itools.info', 'www.ibook.info', 'www.airport.us', 'www.thinkdifferent.us'],
    paths: ['/hotspot-detect.html', '/library/test/success.html', '/'],
  },
  {
    family: 'android',
    hosts: [
      // AOSP and Google
      'connectivitycheck.gstatic.com', 'connectivitycheck.android.com', 'clients1.google.com', 'clients3.google.com',
      'www.google.com', 'play.googleapis.com', 'www.gstatic.com',
      // Google's hosts in China, used by phones sold there
      'www.google.cn', 'g.cn', 'www.qualcomm.cn',
      // Samsung
      'connectivity.samsung.com.cn', 'connectivitycheck.samsung.com',
      // Huawei / Honor
      'connectivitycheck.platform.hicloud.com', 'connectivitycheck.cbg-app.huawei.com', 'www.honor.cn',
      // Xiaomi (MIUI / HyperOS)
      'connect.rom.miui.com', 'connectivitycheck.miui.com',
      // Oppo / OnePlus / Realme and Vivo
      'conn1.oppomobile.com', 'conn2.oppomobile.com', 'wifi.vivo.com.cn',
    ],
    paths: ['/generate_204', '/gen_204', '/generate204', '/connectivitycheck', '/'],
  },
  {
    family: 'windows',
    // NCSI: HTTP probe plus a DNS check of dns.msftncsi.com (answered with our address by the wildcard DNS, so
    // Windows concludes "captive"); /redirect is what Windows opens in the browser to show the portal.
    hosts: ['www.msftconnecttest.com', 'ipv6.msftconnecttest.com', 'www.msftncsi.com', 'ipv6.msftncsi.com', 'dns.msftncsi.com'],
    paths: null,
  },
  { family: 'firefox', hosts: ['detectportal.firefox.com'], paths: null },
  { family: 'chromeos', hosts: ['clients3.google.com', 'www.gstatic.com', 'clients4.google.com'], paths: ['/generate_204'] },
  {
    family: 'networkmanager',
    hosts: [
      'nmcheck.gnome.org', 'connectivity-check.ubuntu.com', 'network-test.debian.org', 'fedoraproject.org',
      'ping.archlinux.org', 'networkcheck.kde.org', 'conncheck.opensuse.org', 'check.ipv4.manjaro.org', 'ping.manjaro.org',
    ],
    paths: null,
  },
  { family: 'kindle', hosts: ['spectrum.s3.amazonaws.com'], paths: ['/kindle-wifi/wifistub.html'] },
];

/** Strips a port and brackets, lowercases, drops a trailing dot. */
export function normaliseHost(hostHeader: string): string {
  let h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    h = end > 0 ? h.slice(1, end) : h;
  } else if (h.indexOf(':') === h.lastIndexOf(':')) {
    h = h.replace(/:\d*$/, '');
  }
  return h.replace(/\.$/, '');
}

/**
 * The OS family whose connectivity probe this request is, or null. Pure: host as in the Host header (any case,
 * optional port), path with or without a query string.
 */
export function classifyProbe(host: string, path: string): ProbeFamily | null {
  const h = normaliseHost(host);
  const p = (path.split('?')[0] ?? '/') || '/';
  // ChromeOS and Android share hosts; ChromeOS is listed after Android, so the first match (android) wins
  // where they coincide — both get the same redirect.
  for (const rule of PROBES) {
    if (!rule.hosts.includes(h)) continue;
    if (rule.paths === null || rule.paths.includes(p)) return rule.family;
  }
  return null;
}
