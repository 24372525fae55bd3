# Shared by conclave-storage and conclave-wipe: where things are. Sourced, not run.
# Partitions on the card (MBR): 1 boot (FAT), 2 root (ext4, read-only), 3 state (ext4: device key and the event key
# file; survives wipes), 4 event data (LUKS2, created on the first boot to fill the card).
STATE=/var/lib/conclave/state
EVENT=/var/lib/conclave/event
KEYDIR=$STATE/keys
KEYFILE=$KEYDIR/event.key
MAPPER=conclave-event
BOOTFS=/run/conclave/bootfs
# Adiantum: fast and secure on boards without the ARMv8 crypto extensions (Pi 3, Zero 2 W, 4 all lack them).
CIPHER=xchacha12,aes-adiantum-plain64

log() { echo "conclave-storage: $*"; }

# The whole-disk device holding the root file system, and the name of its partition number $1.
root_disk() {
  src=$(findmnt -n -o SOURCE /)
  echo "/dev/$(lsblk -n -o PKNAME "$src" | head -n1)"
}
part_of() {
  case "$1" in
    *[0-9]) echo "${1}p$2" ;;
    *) echo "${1}$2" ;;
  esac
}

# A fresh LUKS2 container under a new random key, with an empty ext4 inside; leaves it open.
# The key is random (not a passphrase), so the key-derivation function adds nothing: PBKDF2 with few iterations
# avoids argon2's memory appetite on a 512 MB Zero 2 W.
new_event_volume() {
  part=$1
  install -d -m 0700 "$KEYDIR"
  (umask 077; head -c 64 /dev/urandom > "$KEYFILE.tmp")
  cryptsetup luksFormat --batch-mode --type luks2 --cipher "$CIPHER" --key-size 256 \
    --pbkdf pbkdf2 --pbkdf-force-iterations 1000 --label conclave-event --key-file "$KEYFILE.tmp" "$part"
  sync "$KEYFILE.tmp"
  mv "$KEYFILE.tmp" "$KEYFILE"
  sync "$KEYDIR"
  cryptsetup open --key-file "$KEYFILE" "$part" "$MAPPER"
  # Lazy inode tables keep the first boot short on large cards; nodiscard because the volume is new.
  mkfs.ext4 -q -F -L conclave-data -E lazy_itable_init=1,lazy_journal_init=1,nodiscard "/dev/mapper/$MAPPER"
}
