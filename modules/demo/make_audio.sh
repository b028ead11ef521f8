#!/usr/bin/env bash
# Regenerate the synthetic demo audio and WebVTT captions for the Module 3 excerpt
# "tam_open_questions" (modules/demo/content.py, EXCERPTS["tam_open_questions"]).
#
# Requires: espeak-ng, sox (with Ogg Vorbis support, e.g. Debian package libsox-fmt-all).
# Usage:    bash modules/demo/make_audio.sh
# Output:   modules/demo/media/tam_open_questions.ogg  (mono, 16 kHz, Ogg Vorbis)
#           modules/demo/media/tam_open_questions.vtt  (WebVTT, one cue per segment)
# It also prints the (start_seconds, speaker, text) tuples; paste them into content.py
# if you change a line here, so the transcript and the audio stay in step.
#
# Timing: every synthesised turn is resampled to 16 kHz and padded to a whole number of
# 10 ms blocks, and turns are separated by GAP seconds of silence, so every start time is
# an exact multiple of 0.01 s.
set -euo pipefail

KEY="tam_open_questions"
RATE=16000
GAP="0.70"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT_DIR="$HERE/media"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT_DIR"

# Speaker|text, one turn a line, in order. Keep identical to EXCERPTS[KEY]["segments"].
LINES=$(
    cat <<'EOF'
Interviewer|Hello, I'm Officer B. This is the interpreter. She will say everything I say in your language, and everything you say in mine.
Interpreter|Hello, I'm Officer B. This is the interpreter. She will say everything I say in your language, and everything you say in mine.
Interviewer|There is a camera in this room, so you only need to tell this once. If you don't know an answer, just say I don't know. If I get something wrong, tell me.
Interpreter|There is a camera in this room, so you only need to tell this once. If you don't know an answer, just say I don't know. If I get something wrong, tell me.
Child|Okay.
Interpreter|Okay.
Interviewer|Tell me everything that happened at the house.
Interpreter|Did something bad happen at the house?
Child|Yes.
Interpreter|Yes.
Interviewer|Tell me more about that.
Interpreter|Officer, the interpreter needs to correct her last rendition. You asked an open question, but I asked if something bad happened. May I put your question again, the way you asked it?
Interviewer|Yes, please do.
Interpreter|Tell me everything that happened at the house.
Child|We cleaned all day. Then the lady took our phones and put us in the, the little room.
Interpreter|We cleaned all day. Then the lady took our phones and put us in the, the little room.
Interpreter|Officer, the interpreter would like to check one word. Her word for the room is not clear to me. May I ask her about it?
Interviewer|Go ahead.
Interpreter|I want to be sure I understand your word for the room. What is that room like?
Child|It's under the house. There is no window.
Interpreter|It's under the house. There is no window.
Interviewer|What happened next?
Interpreter|Did the lady lock you in, or did you go in by yourself?
Child|She locked it.
Interpreter|She locked it.
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
    printf '(%.2f, "%s", "%s"),\n' "$start" "$speaker" "$text"
    if [ "${#pieces[@]}" -gt 0 ]; then
        pieces+=("$WORK/gap.wav")
    fi
    pieces+=("$seg")
    start=$(awk -v a="$end" -v g="$GAP" 'BEGIN { printf "%.2f", a + g }')
done <<<"$LINES"

sox "${pieces[@]}" "$WORK/all.wav"
# Light level normalisation, then low-bitrate Ogg Vorbis (quality -1 is the smallest).
sox "$WORK/all.wav" -C -1 "$OUT_DIR/$KEY.ogg" norm -1
echo "wrote $OUT_DIR/$KEY.ogg ($(soxi -D "$OUT_DIR/$KEY.ogg") s) and $VTT" >&2
