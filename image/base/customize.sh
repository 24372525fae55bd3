#!/bin/sh
# mmdebstrap customize hook for the cached base root file system ($1 is the root). Runs once per base build.
set -eu
root="$1"

echo "base: building the initramfs once (it was diverted during the package install)"
rm -f "$root/usr/sbin/update-initramfs"
chroot "$root" dpkg-divert --local --rename --remove /usr/sbin/update-initramfs
chroot "$root" update-initramfs -c -k all
# raspi-firmware's kernel hook copies the kernel, initrd and DTBs to /boot/firmware; run it now that the initrd exists.
for k in "$root"/lib/modules/*; do
  chroot "$root" /etc/kernel/postinst.d/z50-raspi-firmware "$(basename "$k")"
done

echo "base: the unprivileged conclave user"
chroot "$root" useradd --system --user-group --home-dir /nonexistent --no-create-home \
  --shell /usr/sbin/nologin --comment "Conclave voting service" conclave
# gpiod needs the gpio character devices; Debian's udev rules give them to group root, so a group of our own.
chroot "$root" groupadd --system gpio
chroot "$root" usermod -a -G gpio conclave
