#!/bin/sh
# TEST VARIANT ONLY. Waits for start-up to finish, then reports the state and the failed units.
systemctl is-system-running --wait >/dev/null 2>&1
state=$(systemctl is-system-running)
failed=$(systemctl --failed --plain --no-legend | awk '{print $1}' | tr '\n' ' ')
for u in $failed; do
  journalctl -b -u "$u" --no-pager -n 8 -o cat | sed "s/^/CONCLAVE-LOG $u: /"
done
echo "CONCLAVE-TEST system $state failed=[${failed% }]"
echo "CONCLAVE-TEST security $(systemd-analyze security conclaved.service 2>/dev/null | tail -n 1)"
