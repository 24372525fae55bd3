#!/bin/sh
# TEST VARIANT ONLY. busybox udhcpc hook: put the leased address on the phone's interface and remember the DNS server.
case "$1" in
  bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    echo "$ip" > /run/conclave-test/ip
    echo "${dns:-}" > /run/conclave-test/dns
    ;;
esac
exit 0
