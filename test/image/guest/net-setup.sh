#!/bin/sh
# TEST VARIANT ONLY. Host link (qemu user networking) and mac80211_hwsim radios.
set -u
m() { echo "CONCLAVE-TEST $*"; }
ip link set lo up
if ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0; then m host-link ok 10.0.2.15; else m host-link fail; fi
if modprobe mac80211_hwsim radios=2; then
  i=0
  while [ ! -e /sys/class/net/wlan1 ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
  phy=$(cat /sys/class/net/wlan1/phy80211/name)
  if ip netns add phone && iw phy "$phy" set netns name phone; then
    m hwsim ok "wlan0 for the appliance, $phy in netns phone"
  else
    m hwsim fail "could not move $phy into a namespace"
  fi
else
  m hwsim fail "modprobe mac80211_hwsim"
fi
