#!/bin/sh
# TEST VARIANT ONLY. The privileged wipe path as conclaved uses it: with the service stopped (conclaved closes
# its store first), the conclave user runs conclave-request-wipe; conclave-wipe.path starts the root one-shot.
set -u
m() { echo "CONCLAVE-TEST $*"; }
part=/dev/conclave-data
systemctl stop conclaved.service
if cryptsetup isLuks "$part"; then before=luks; else before=none; fi
if runuser -u conclave -- /usr/lib/conclave/conclave-request-wipe; then
  m wipe-request ok "$(tr -d '\n' < /run/conclave/wipe/report.json)"
else
  m wipe-request fail "$(cat /run/conclave/wipe/report.json 2>/dev/null | tr -d '\n')"
fi
# The old header is gone and a new volume (new key) is in place, mounted, with an empty store.
if [ "$before" = luks ] && cryptsetup isLuks "$part" && mountpoint -q /var/lib/conclave/event \
  && [ ! -e /var/lib/conclave/event/bundle.json ] && [ -z "$(ls -A /var/lib/conclave/event/store)" ]; then
  m wipe-recreated ok "empty volume mounted"
else
  m wipe-recreated fail "before=$before"
fi
if runuser -u conclave -- head -c 4096 "$part" > /dev/null; then m wipe-raw-read ok "conclave can read $part"; else m wipe-raw-read fail; fi
systemctl start conclaved.service && m wipe-service-back ok || m wipe-service-back fail
