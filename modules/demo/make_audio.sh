#!/usr/bin/env bash
# Regenerate the synthetic demo audio and WebVTT captions for the Module 3 excerpt
# "tam_open_questions" from its transcript, modules/demo/data/en/excerpts/tam_open_questions.json.
#
# Requires: espeak-ng, sox (with Ogg Vorbis support, e.g. Debian package libsox-fmt-all), python3.
# Usage:    bash modules/demo/make_audio.sh
# Reads:    the speaker and text of each turn ("segments") in the excerpt's file
# Output:   modules/demo/data/en/media/tam_open_questions.ogg  (mono, 16 kHz, Ogg Vorbis)
#           modules/demo/data/en/media/tam_open_questions.vtt  (WebVTT, one cue per segment)
#           and the measured "start" of each turn, written back into the excerpt's file, so
#           the transcript and the audio stay in step (load_initial_data checks that they do).
#
# Timing: every synthesised turn is resampled to 16 kHz and padded to a whole number of
# 10 ms blocks, and turns are separated by GAP seconds of silence, so every start time is
# an exact multiple of 0.01 s.
set -euo pipefail

KEY="tam_open_questions"
RATE=16000
GAP="0.70"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXCERPT="$HERE/data/en/excerpts/$KEY.json"
OUT_DIR="$HERE/data/en/media"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT_DIR"

# Speaker|text, one turn a line, in order, from the excerpt's data file.
LINES=$(
    python3 - "$EXCERPT" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as handle:
    for segment in json.load(handle)["segments"]:
        print(f"{segment['speaker']}|{segment['text']}")
EOF
)

voice_args() {
    case "$1" in
        Interviewer) echo "-v en-gb -p 30 -s 150" ;;
        Child) echo "-v en-us -p 70 -s 145" ;;
        Interpreter) echo "-v en-gb+f3 -p 50 -s 155" ;;
        *)
            echo "unknown speaker: $1" >&2
            exit 1
            ;;
    esac
}

vtt_time() {
    # seconds (decimal) -> HH:MM:SS.mmm
    awk -v t="$1" 'BEGIN {
        ms = int(t * 1000 + 0.5); h = int(ms / 3600000); ms -= h * 3600000;
        m = int(ms / 60000); ms -= m * 60000; s = int(ms / 1000); ms -= s * 1000;
        printf "%02d:%02d:%02d.%03d", h, m, s, ms }'
}

sox -n -r "$RATE" -c 1 -b 16 "$WORK/gap.wav" trim 0 "$GAP"

VTT="$OUT_DIR/$KEY.vtt"
printf 'WEBVTT\n' >"$VTT"
pieces=()
starts=()
start="0"
i=0
while IFS='|' read -r speaker text; do
    [ -z "$speaker" ] && continue
    i=$((i + 1))
    raw="$WORK/raw_$i.wav"
    seg="$WORK/seg_$i.wav"
    # shellcheck disable=SC2046
    espeak-ng $(voice_args "$speaker") -w "$raw" "$text"
    sox "$raw" -r "$RATE" -c 1 -b 16 "$WORK/rs_$i.wav"
    samples=$(soxi -s "$WORK/rs_$i.wav")
    block=$((RATE / 100))
    pad=$(((block - samples % block) % block))
    sox "$WORK/rs_$i.wav" "$seg" pad 0 "${pad}s"
    dur=$(soxi -D "$seg")
    end=$(awk -v a="$start" -v b="$dur" 'BEGIN { printf "%.2f", a + b }')
    printf '\n%d\n%s --> %s\n<v %s>%s\n' "$i" "$(vtt_time "$start")" "$(vtt_time "$end")" \
        "$speaker" "$text" >>"$VTT"
    starts+=("$start")
    if [ "${#pieces[@]}" -gt 0 ]; then
        pieces+=("$WORK/gap.wav")
    fi
    pieces+=("$seg")
    start=$(awk -v a="$end" -v g="$GAP" 'BEGIN { printf "%.2f", a + g }')
done <<<"$LINES"

# The measured start of each turn, back into the excerpt's file (laid out as the others are).
python3 - "$EXCERPT" "${starts[@]}" <<'EOF'
import json, sys
path, starts = sys.argv[1], sys.argv[2:]
with open(path, encoding="utf-8") as handle:
    excerpt = json.load(handle)
if len(starts) != len(excerpt["segments"]):
    sys.exit(f"{len(starts)} turns synthesised, but {len(excerpt['segments'])} in {path}")
for segment, start in zip(excerpt["segments"], starts):
    segment["start"] = float(start)
with open(path, "w", encoding="utf-8") as handle:
    handle.write(json.dumps(excerpt, indent=2, ensure_ascii=False) + "\n")
EOF

sox "${pieces[@]}" "$WORK/all.wav"
# Light level normalisation, then low-bitrate Ogg Vorbis (quality -1 is the smallest).
sox "$WORK/all.wav" -C -1 "$OUT_DIR/$KEY.ogg" norm -1
echo "wrote $OUT_DIR/$KEY.ogg ($(soxi -D "$OUT_DIR/$KEY.ogg") s), $VTT and the starts in $EXCERPT" >&2
