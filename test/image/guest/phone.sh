#!/bin/sh
# TEST VARIANT ONLY. The phone: wpa_supplicant, a DHCP lease from the appliance, then phone.mjs (DNS, portal,
# login, ballot). Every step prints a CONCLAVE-TEST marker for the host-side test.
set -u
m() { echo "CONCLAVE-TEST $*"; }
ns() { ip netns exec phone "$@"; }
. /usr/lib/conclave-test/phone.env
mkdir -p /run/conclave-test
ns ip link set lo up
cat > /run/conclave-test/wpa.conf <<WPA
ctrl_interface=/run/conclave-test/wpa
network={
  ssid="$SSID"
  psk="$PSK"
  key_mgmt=WPA-PSK
}
WPA
ns wpa_supplicant -B -i wlan1 -c /run/conclave-test/wpa.conf -P /run/conclave-test/wpa.pid >/dev/null
state=""
i=0
while [ $i -lt 90 ]; do
  state=$(ns wpa_cli -p /run/conclave-test/wpa -i wlan1 status 2>/dev/null | sed -n 's/^wpa_state=//p')
  [ "$state" = COMPLETED ] && break
  sleep 1
  i=$((i + 1))
done
if [ "$state" = COMPLETED ]; then m wifi-associated ok "after ${i}s"; else m wifi-associated fail "state $state"; exit 1; fi
if ns busybox udhcpc -i wlan1 -n -q -t 10 -T 2 -s /usr/lib/conclave-test/udhcpc.sh >/dev/null 2>&1; then
  m dhcp-lease ok "$(cat /run/conclave-test/ip) dns $(cat /run/conclave-test/dns)"
else
  m dhcp-lease fail; exit 1
fi
ns node /usr/lib/conclave-test/phone.mjs
m phone-done ok
[ ! -e /usr/lib/conclave-test/wipe-check.enabled ] || /usr/lib/conclave-test/wipe-check.sh
