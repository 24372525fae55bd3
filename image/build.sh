#!/usr/bin/env bash
# Builds the Conclave SD-card image: Debian trixie arm64 + the app + systemd units, as
#   dist/conclave-<version>-arm64.img.xz, .img.bmap, SHA256SUMS and conclave-<version>-arm64.manifest.txt
#
# Usage (as root; mmdebstrap needs it for device nodes and ownership):  npm run image   or   bash image/build.sh
#   CONCLAVE_BASE_ONLY=1   stop after the cached base root file system (the slow part)
#   CONCLAVE_ROOT_PASSWORD=...  let root log in on the serial console with this password (default: locked)
#   CONCLAVE_NO_COMPRESS=1 stop after the raw image in image/work/ (enough for npm run test:image while developing)
#
# Two stages. 1) The base: mmdebstrap installs image/packages.txt into a tarball cached under image/cache/,
# keyed by a hash of everything that goes into it (a rebuild with an unchanged package list skips it, and the
# .deb download cache makes a changed one faster). 2) The app, units and overlay go onto a copy of the base,
# and the partitions are assembled without loop devices (mkfs.ext4 -d, mkfs.vfat + mcopy, sfdisk, dd).
set -eu
# The whole script is one function, so that bash has read all of it before it starts (editing the file while a
# build runs cannot change what that build does).
main() {
  umask 022
  export LC_ALL=C.UTF-8 TZ=UTC

  here="$(cd "$(dirname "$0")" && pwd)"
  repo="$(cd "$here/.." && pwd)"
  cd "$repo"
  t0=$(date +%s)
  say() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - t0 ))"; }
  die() { printf 'image/build.sh: %s\n' "$*" >&2; exit 1; }

  # ---------------------------------------------------------------------------------------------------------
  say "checking prerequisites"
  [ "$(id -u)" = 0 ] || die "run as root (mmdebstrap --mode=root, and file ownership inside the image)"
  missing=""
  need() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
  need mmdebstrap mmdebstrap
  need qemu-aarch64-static qemu-user-static
  need update-binfmts binfmt-support
  need mkfs.vfat dosfstools
  need mcopy mtools
  need mkfs.ext4 e2fsprogs
  need debugfs e2fsprogs
  need sfdisk fdisk
  need xz xz-utils
  need bmaptool bmap-tools
  need node nodejs
  need npm npm
  if [ -n "$missing" ]; then
    die "missing tools; install them with:  apt-get install -y$(printf '%s\n' $missing | sort -u | tr '\n' ' ' | sed 's/^/ /')"
  fi
  # Running arm64 maintainer scripts needs the binfmt handler; containers often lack the binfmt_misc mount.
  if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc \
      || die "cannot mount binfmt_misc; run: mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc"
    update-binfmts --enable qemu-aarch64 || die "cannot enable the qemu-aarch64 binfmt handler (update-binfmts --enable qemu-aarch64)"
  fi
  grep -q enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 || die "binfmt qemu-aarch64 is disabled: update-binfmts --enable qemu-aarch64"

  version="$(node -p 'require("./package.json").version')"
  # Reproducibility: every timestamp in the image comes from the last commit, not from the clock.
  SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1764633600)}"
  export SOURCE_DATE_EPOCH
  suite=trixie
  mirror="${CONCLAVE_MIRROR:-http://deb.debian.org/debian}"
  cache="$here/cache"
  work="$here/work"
  mkdir -p "$cache/apt" "$work" dist

  # ---------------------------------------------------------------------------------------------------------
  packages="$(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$here/packages.txt" | grep -v '^$' | sort -u | paste -sd, -)"
  base_key="$( { echo "$suite $mirror"; cat "$here/packages.txt" "$here"/base/*; } | sha256sum | cut -c1-16)"
  base="$cache/base-$suite-arm64-$base_key"
  if [ -d "$base" ]; then
    say "stage 1: base root file system cached ($(basename "$base"))"
  else
    say "stage 1: mmdebstrap $suite arm64 (through qemu-user; about 10-15 minutes)"
    rm -rf "$cache"/base-*
    mmdebstrap --mode=root --variant=minbase --architectures=arm64 \
      --components=main,contrib,non-free-firmware \
      --aptopt='APT::Install-Recommends "false"' \
      --dpkgopt='force-confold' --dpkgopt='force-confdef' \
      --include="$packages" \
      --skip=download/empty --skip=essential/unlink \
      --setup-hook='mkdir -p "$1"/var/cache/apt/archives "$1"/etc/default "$1"/etc/initramfs-tools/conf.d' \
      --setup-hook="sync-in '$cache/apt' /var/cache/apt/archives" \
      --setup-hook="upload '$here/base/raspi-firmware.default' /etc/default/raspi-firmware" \
      --setup-hook="upload '$here/base/raspi-firmware-custom.txt' /etc/default/raspi-firmware-custom" \
      --setup-hook="upload '$here/base/initramfs.conf' /etc/initramfs-tools/conf.d/conclave.conf" \
      --essential-hook='chroot "$1" dpkg-divert --local --rename --add /usr/sbin/update-initramfs && ln -sf /bin/true "$1"/usr/sbin/update-initramfs' \
      --customize-hook="sync-out /var/cache/apt/archives '$cache/apt'" \
      --customize-hook='rm -f "$1"/var/cache/apt/archives/*.deb' \
      --customize-hook="'$here/base/customize.sh' \"\$1\"" \
      "$suite" "$base.tmp" "$mirror"
    mv "$base.tmp" "$base"
  fi
  [ -z "${CONCLAVE_BASE_ONLY:-}" ] || { say "base only: done"; exit 0; }

  # ---------------------------------------------------------------------------------------------------------
  say "stage 2: building the app (npm run build)"
  npm run --silent build
  for f in conclaved conclave-netconfig conclave-provision; do
    if [ -f "dist/$f.js" ]; then echo "  dist/$f.js"; else echo "  dist/$f.js not built yet (its entry point is missing): not installed"; fi
  done

  say "stage 2: arm64 runtime modules (npm ci --cpu=arm64 --os=linux --omit=dev)"
  app="$work/app"
  rm -rf "$app" && mkdir -p "$app"
  cp package.json package-lock.json "$app/"
  ( cd "$app" && npm ci --silent --omit=dev --cpu=arm64 --os=linux --libc=glibc --ignore-scripts --no-audit --no-fund )
  # esbuild bundles everything except the native modules (scripts/build.mjs `external`); keep only their closure.
  node "$here/runtime-modules.mjs" "$app" lmdb msgpackr msgpackr-extract node-gyp-build-optional-packages
  [ -f "$app/node_modules/@lmdb/lmdb-linux-arm64/package.json" ] || die "the arm64 lmdb prebuild is missing from $app"

  say "stage 2: root file system (base + app + units + overlay)"
  root="$work/rootfs"
  rm -rf "$root"
  cp -a "$base" "$root"
  install -d -m 0755 "$root/opt/conclave" "$root/opt/conclave/dist"
  for f in dist/*.js; do install -m 0644 "$f" "$root/opt/conclave/dist/"; done
  [ ! -d dist/webui ] || cp -r dist/webui "$root/opt/conclave/dist/webui"
  cp -r "$app/node_modules" "$app/package.json" "$root/opt/conclave/"
  chown -R root:root "$root/opt/conclave"
  chmod -R u=rwX,go=rX "$root/opt/conclave"
  # Units go in unchanged.
  cp -r systemd/. "$root/etc/systemd/system/"
  cp -r "$here/overlay/." "$root/"
  install -d -m 0755 "$root/var/lib/conclave" "$root/var/lib/conclave/state" "$root/var/lib/conclave/event"
  in_root() { chroot "$root" "$@"; }
  in_root systemctl unmask hostapd.service
  in_root systemctl enable conclave-storage.service conclave-netconfig.service conclaved.service \
    conclave-dnsmasq.service conclave-wipe.path hostapd.service
  # No network to wait for, nothing to update, nothing to scrub on a read-only root; no logind (it needs D-Bus,
  # and the power key must not shut the appliance down in the middle of a vote).
  in_root systemctl mask systemd-networkd-wait-online.service apt-daily.timer apt-daily-upgrade.timer \
    dpkg-db-backup.timer e2scrub_all.timer e2scrub_reap.service systemd-logind.service
  # wpa_supplicant's packaged unit is D-Bus activated; the tools are there for venue mode and the boot test.
  in_root systemctl disable wpa_supplicant.service
  if [ -n "${CONCLAVE_ROOT_PASSWORD:-}" ]; then
    echo "root:$CONCLAVE_ROOT_PASSWORD" | in_root chpasswd
    echo "  root may log in on the serial console (CONCLAVE_ROOT_PASSWORD)"
  else
    in_root passwd --lock root >/dev/null
  fi
  # An empty machine-id on a read-only root: systemd makes a transient one at each boot.
  : > "$root/etc/machine-id"
  rm -f "$root/var/lib/dbus/machine-id"
  echo "conclave $version" > "$root/etc/conclave-release"

  say "stage 2: boot partition contents"
  boot="$work/bootfs"
  rm -rf "$boot"
  cp -a "$root/boot/firmware" "$boot"
  find "$root/boot/firmware" -mindepth 1 -delete
  country="${CONCLAVE_WIFI_COUNTRY:-NL}"
  # As raspi-firmware writes it (serial0: the GPIO 14/15 UART, which the Pi firmware resolves per board), but
  # read-only, with the file-system type the initramfs cannot guess from a label, and the Wi-Fi country.
  # net.ifnames=0: the plain wlan0/eth0 names the guide and the service console use.
  echo "console=serial0,115200 console=tty1 root=LABEL=conclave-root rootfstype=ext4 ro fsck.repair=yes net.ifnames=0 cma=64M rootwait cfg80211.ieee80211_regdom=$country" > "$boot/cmdline.txt"
  cp -r "$here/boot/." "$boot/"

  # ---------------------------------------------------------------------------------------------------------
  say "stage 2: manifest of package versions"
  name="conclave-$version-arm64"
  manifest="dist/$name.manifest.txt"
  {
    echo "# $name — built from $(git describe --always --dirty 2>/dev/null || echo unknown), SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"
    echo "# Debian $suite arm64 packages"
    dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${Package} ${Version} ${Architecture}\n' | sort
    echo "# npm runtime modules in /opt/conclave/node_modules"
    node -e 'const fs = require("fs"), nm = process.argv[1];
      for (const e of fs.readdirSync(nm).sort()) for (const n of e.startsWith("@") ? fs.readdirSync(nm + "/" + e).sort().map((x) => e + "/" + x) : [e]) {
        const p = JSON.parse(fs.readFileSync(nm + "/" + n + "/package.json", "utf8")); console.log(p.name + " " + p.version); }' "$root/opt/conclave/node_modules"
  } > "$manifest"

  say "stage 2: file systems"
  MiB=$((1024 * 1024))
  boot_mib=256
  state_mib=16
  root_used_mib=$(( $(du -s --block-size=1M --apparent-size "$root" | cut -f1) ))
  # Headroom for ext4 metadata and the journal; the root is read-only, so no growth beyond that.
  root_mib=$(( root_used_mib + root_used_mib / 5 + 64 ))
  # Stable file-system identities derived from the version, so equal inputs give equal images.
  ident() { printf '%s' "$1-$version-$SOURCE_DATE_EPOCH" | sha256sum | cut -c1-32 | sed -E 's/(.{8})(.{4})(.{4})(.{4})(.{12})/\1-\2-\3-\4-\5/'; }
  export E2FSPROGS_FAKE_TIME="$SOURCE_DATE_EPOCH"
  rm -f "$work"/*.part "$work"/*.img
  mkfs.ext4 -q -F -L conclave-root -U "$(ident root)" -E "hash_seed=$(ident root-hash),root_owner=0:0" \
    -d "$root" "$work/root.part" "${root_mib}M"
  mkfs.ext4 -q -F -L conclave-state -U "$(ident state)" -E "hash_seed=$(ident state-hash),root_owner=0:0" \
    "$work/state.part" "${state_mib}M"
  mkfs.vfat -F 32 -n CONCLAVE -i "$(ident boot | cut -c1-8)" -C "$work/boot.part" $(( boot_mib * 1024 )) >/dev/null
  # Sorted, with their own times (-m), so the FAT contents do not depend on the order of the directory listing.
  ( cd "$boot" && find . -mindepth 1 -type d | sort | sed 's|^\./||' | while read -r d; do mmd -i "$work/boot.part" "::/$d"; done
    find . -type f | sort | sed 's|^\./||' | while read -r f; do mcopy -m -i "$work/boot.part" "$f" "::/$f"; done )

  say "stage 2: partitioned image"
  img="$work/$name.img"
  start=4
  p2=$(( start + boot_mib ))
  p3=$(( p2 + root_mib ))
  total=$(( p3 + state_mib ))
  truncate -s "${total}M" "$img"
  sfdisk --quiet "$img" <<SFDISK
  label: dos
  label-id: 0x$(ident disk | cut -c1-8)
  unit: sectors

  start=$(( start * 2048 )), size=$(( boot_mib * 2048 )), type=c, bootable
  start=$(( p2 * 2048 )), size=$(( root_mib * 2048 )), type=83
  start=$(( p3 * 2048 )), size=$(( state_mib * 2048 )), type=83
SFDISK
  dd if="$work/boot.part" of="$img" bs=1M seek="$start" conv=notrunc,sparse status=none
  dd if="$work/root.part" of="$img" bs=1M seek="$p2" conv=notrunc,sparse status=none
  dd if="$work/state.part" of="$img" bs=1M seek="$p3" conv=notrunc,sparse status=none
  rm -f "$work"/*.part

  if [ -n "${CONCLAVE_NO_COMPRESS:-}" ]; then say "raw image only: $img"; exit 0; fi
  say "stage 2: compressing and checksumming"
  rm -f "dist/$name.img.xz" "dist/$name.img.bmap"
  bmaptool -q create -o "dist/$name.img.bmap" "$img"
  xz -T0 -6 --keep --stdout "$img" > "dist/$name.img.xz"
  touch -d "@$SOURCE_DATE_EPOCH" "dist/$name.img.xz" "dist/$name.img.bmap" "$manifest"
  ( cd dist && sha256sum "$name.img.xz" "$name.img.bmap" "$name.manifest.txt" > SHA256SUMS )

  elapsed=$(( $(date +%s) - t0 ))
  say "done in $((elapsed / 60)) min $((elapsed % 60)) s"
  echo "  image          $img ($(( $(stat -c %s "$img") / MiB )) MiB; partitions: boot ${boot_mib} MiB, root ${root_mib} MiB (${root_used_mib} MiB used), state ${state_mib} MiB)"
  echo "  compressed     dist/$name.img.xz ($(( $(stat -c %s "dist/$name.img.xz") / MiB )) MiB)"
  echo "  block map      dist/$name.img.bmap"
  echo "  manifest       $manifest ($(grep -vc '^#' "$manifest") entries)"
  echo "  checksums      dist/SHA256SUMS"
  echo "  flash with:    bmaptool copy dist/$name.img.xz /dev/sdX"
}

main "$@"
