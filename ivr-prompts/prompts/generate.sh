#!/usr/bin/env bash
# Synthesizes a prompt set from its catalogue with espeak-ng, then makes telephone audio with sox:
# 8 kHz mono 16-bit PCM, silence trimmed, telephone band, a short fade and pad, level normalised.
#
# usage: ivr-prompts/prompts/generate.sh [LANG] [ID...]
#   LANG  the set to (re)generate, default en: reads src/main/resources/prompts/LANG/prompts.txt and
#         writes LANG's WAV files beside it
#   ID    only these prompts (default: every prompt of the catalogue)
# environment (defaults are what the shipped English set was made with):
#   VOICE=en-gb  SPEED=150  PITCH=50  WORD_GAP=1  TARGET_RMS_DB=-19  PEAK_LIMIT_DB=-1
#   PROMPT_DIR=/path/to/set   a folder with a prompts.txt elsewhere (a custom set from configuration)
# sox runs with -R (repeatable: fixed dither seed), so the same inputs give byte-identical files.
# needs: espeak-ng, sox (Debian: apt-get install espeak-ng sox); only to regenerate, never at run time.
set -euo pipefail

LANG_CODE="${1:-en}"
shift || true
VOICE="${VOICE:-en-gb}"
SPEED="${SPEED:-150}"
PITCH="${PITCH:-50}"
WORD_GAP="${WORD_GAP:-1}"
TARGET_RMS_DB="${TARGET_RMS_DB:--19}"
PEAK_LIMIT_DB="${PEAK_LIMIT_DB:--1}"

here="$(cd "$(dirname "$0")" && pwd)"
dir="${PROMPT_DIR:-$here/../src/main/resources/prompts/$LANG_CODE}"
catalogue="$dir/prompts.txt"
[ -f "$catalogue" ] || { echo "no catalogue: $catalogue" >&2; exit 2; }
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install espeak-ng sox)" >&2; exit 2; }
done

# prints "RMS-dBFS peak-dBFS" of a file
levels() {
  sox -R "$1" -n stats 2>&1 | awk '/^RMS lev dB/ {r = $4} /^Pk lev dB/ {p = $4} END {print r, p}'
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

wanted=" $* "
count=0
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in ''|'#'*) continue ;; esac
  id="$(printf '%s' "${line%%=*}" | tr -d '[:space:]')"
  text="$(printf '%s' "${line#*=}" | sed 's/^[[:space:]]*//;s/[[:space:]]*$//')"
  if [ $# -gt 0 ] && [[ "$wanted" != *" $id "* ]]; then
    continue
  fi
  # 1. speech at espeak-ng's native 22050 Hz
  espeak-ng -v "$VOICE" -s "$SPEED" -p "$PITCH" -g "$WORD_GAP" -w "$tmp/raw.wav" "$text"
  # 2. trim leading and trailing silence (below -45 dBFS), keep the telephone band (300-3400 Hz),
  #    resample with the very-high-quality filter to 8 kHz mono 16-bit, fade 5 ms in and 10 ms out
  #    (no clicks where clips are joined), and pad 20 ms before and 60 ms after (a breath between words)
  # (intermediate files are 32-bit float: no clipping or dither before the last step)
  sox -R "$tmp/raw.wav" -e floating-point -b 32 -c 1 "$tmp/trim.wav" \
      silence 1 0.01 -45d reverse silence 1 0.01 -45d reverse \
      sinc 300-3400 rate -v 8000
  sox -R "$tmp/trim.wav" "$tmp/band.wav" fade h 0.005 -0 0.01 pad 0.02 0.06
  # 3. normalise to the target RMS level without letting a peak exceed PEAK_LIMIT_DB: speech whose
  #    peaks would go over is first compressed 2:1 above -12 dBFS (fast attack, 80 ms release)
  read -r rms peak < <(levels "$tmp/band.wav")
  gain="$(awk -v t="$TARGET_RMS_DB" -v r="$rms" 'BEGIN {printf "%.2f", t - r}')"
  if awk -v p="$peak" -v g="$gain" -v l="$PEAK_LIMIT_DB" 'BEGIN {exit !(p + g > l)}'; then
    sox -R "$tmp/band.wav" "$tmp/comp.wav" gain -n -6 compand 0.002,0.08 -12,-12,0,-6 0 -90 0.002
    read -r rms peak < <(levels "$tmp/comp.wav")
    gain="$(awk -v t="$TARGET_RMS_DB" -v r="$rms" -v p="$peak" -v l="$PEAK_LIMIT_DB" \
        'BEGIN {g = t - r; if (p + g > l) g = l - p; printf "%.2f", g}')"
    mv "$tmp/comp.wav" "$tmp/band.wav"
  fi
  sox -R "$tmp/band.wav" "$tmp/level.wav" gain "$gain"
  sox -R "$tmp/level.wav" -b 16 -e signed-integer "$dir/$id.wav"
  count=$((count + 1))
done < "$catalogue"

echo "$count prompt(s) written to $dir" >&2
# what was made: duration, RMS and peak level of each file
for f in "$dir"/*.wav; do
  read -r rms peak < <(levels "$f")
  printf '%-32s %6.3f s  rms %6s dBFS  peak %6s dBFS\n' "$(basename "$f")" "$(sox --i -D "$f")" "$rms" "$peak"
done
