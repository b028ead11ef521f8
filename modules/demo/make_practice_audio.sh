#!/usr/bin/env bash
# Regenerate the synthetic audio of the interpreting exercises, their captions and timings,
# from the data files in modules/demo/data/en/exercises/ and the excerpts they name.
#
# Requires: espeak-ng, ffmpeg and ffprobe (with libopus), python3.
# Usage:    bash modules/demo/make_practice_audio.sh
# Reads:    each exercise (exercises/<name>.json): its excerpt, mode, languages, model_audio and
#           model_transcript; the excerpt's turns ("segments": speaker and text).
# Output:   media/<excerpt audio>         the source: one voice per speaker (mono, Ogg Opus)
#           media/<excerpt audio>.vtt     its WebVTT captions, one cue per turn
#           media/<model_audio>           the model rendition, when the exercise names one
#           media/<rendition audio>       a demo learner's rendition (renditions/<name>.json)
#           and, written back into the data files so that they stay in step with the audio:
#           the measured "start" of each turn (the excerpt), the end of each turn as "turns"
#           (consecutive exercises; [] for simultaneous ones) and the hard moments, each moved
#           with the turn it falls in (the exercise); the turn marks of each demo rendition and
#           its trainer's remarks, each moved with the turn it falls in (the rendition).
#
# Speech: every turn is spoken by the voice of its speaker (see voice() below); "[pause]" in a
# turn's text is a silence of PAUSE seconds. The model rendition is the model_transcript, one
# line a turn ("N. text"), each spoken into the other language of the pair by the
# interpreter's voice: after the source, turn by turn (consecutive), or LAG seconds behind the
# start of its turn (simultaneous), as an interpreter working over the speaker would.
# A demo rendition of a consecutive exercise is its "transcript", one line a turn, spoken by the
# learner's voice into the other language, as the recorder keeps it: the recording pauses
# while the source plays, so each turn is LEAD seconds of breath before the learner speaks and
# TAIL seconds before they play the next turn; "[pause]" is a hesitation of PAUSE_LEARNER
# seconds.
#
# Timing: every piece is resampled to 24 kHz and padded to a whole number of 10 ms blocks, so
# every start and end is an exact multiple of 0.01 s, counted in samples, and measured with
# ffprobe.
set -euo pipefail

RATE=24000
BLOCK=$((RATE / 100))
GAP_CONSECUTIVE="0.70" # between turns of a dialogue
GAP_SIMULTANEOUS="0.30" # between the sentences of one speaker who speaks on
PAUSE="3.00"            # a "[pause]" inside a turn
LAG="2.00"              # how far a simultaneous model rendition stays behind the speaker
LEAD="0.60"             # a learner's breath before interpreting a turn
TAIL="0.40"             # and after it, before they play the next one
PAUSE_LEARNER="1.20"    # a "[pause]" in a learner's rendition: a hesitation
BITRATE="24k"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="$HERE/data/en"
MEDIA="$DATA/media"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Who speaks which language, with which voice: "excerpt:speaker" or "model:language" ->
# "language|espeak-ng options". The child has a higher pitch and a voice of its language.
voice() {
    case "$1" in
        police_house_work:Officer) echo "English|-v en-gb+m3 -p 35 -s 150" ;;
        police_house_work:Child) echo "French|-v fr-fr+f4 -p 85 -s 140" ;;
        therapy_evenings:Psychologist) echo "English|-v en-us+f5 -p 45 -s 135" ;;
        therapy_evenings:Child) echo "Romanian|-v ro+m1 -p 72 -s 145" ;;
        judge_ground_rules:Judge) echo "English|-v en-gb-x-rp+m1 -p 30 -s 160" ;;
        model:English) echo "English|-v en-gb+f2 -p 55 -s 160" ;;
        model:French) echo "French|-v fr-fr+f2 -p 55 -s 165" ;;
        model:Romanian) echo "Romanian|-v ro+f2 -p 55 -s 160" ;;
        learner:English) echo "English|-v en-us+f4 -p 38 -s 140" ;;
        learner:French) echo "French|-v fr-be+f4 -p 38 -s 135" ;;
        *)
            echo "no voice for “$1”: add one to voice() in $0" >&2
            return 1
            ;;
    esac
}

samples_of() { # the length of a WAV file in samples, as ffprobe measures it
    ffprobe -v error -select_streams a:0 -show_entries stream=duration_ts -of csv=p=0 "$1"
}

to_samples() { # seconds (decimal) -> samples
    awk -v t="$1" -v r="$RATE" 'BEGIN { printf "%d", t * r + 0.5 }'
}

silence() { # silence OUT SAMPLES
    ffmpeg -nostdin -v error -y -f lavfi -i "anullsrc=r=$RATE:cl=mono" -af "atrim=end_sample=$2" \
        -c:a pcm_s16le "$1"
}

concat() { # concat OUT IN...: WAV files of the same format, one after the other
    local out="$1" list="$1.txt" piece
    shift
    : >"$list"
    for piece in "$@"; do printf "file '%s'\n" "$piece" >>"$list"; done
    ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$list" -c copy "$out"
}

spoken() { # what the synthesiser is given for a text: abbreviations it misreads, spelt out
    local text="$1"
    text="${text//Ms /Miz }"
    printf '%s' "$text"
}

n=0
speak() { # speak OUT "espeak-ng options" TEXT: the turn as 24 kHz mono WAV, whole 10 ms blocks
    local out="$1" options="$2" text="$3" rest parts=() pieces=() part samples
    rest="$text"
    while [[ "$rest" == *"[pause]"* ]]; do
        parts+=("${rest%%"[pause]"*}")
        rest="${rest#*"[pause]"}"
    done
    parts+=("$rest")
    for part in "${parts[@]}"; do
        n=$((n + 1))
        if [ "${#pieces[@]}" -gt 0 ]; then
            silence "$WORK/pause_$n.wav" "$(to_samples "$PAUSE")"
            pieces+=("$WORK/pause_$n.wav")
        fi
        # shellcheck disable=SC2086
        espeak-ng $options -w "$WORK/raw_$n.wav" "$(spoken "$part")"
        ffmpeg -nostdin -v error -y -i "$WORK/raw_$n.wav" -ar "$RATE" -ac 1 -c:a pcm_s16le "$WORK/part_$n.wav"
        pieces+=("$WORK/part_$n.wav")
    done
    concat "$WORK/joined_$n.wav" "${pieces[@]}"
    samples=$(samples_of "$WORK/joined_$n.wav")
    ffmpeg -nostdin -v error -y -i "$WORK/joined_$n.wav" \
        -af "apad=whole_len=$(((samples + BLOCK - 1) / BLOCK * BLOCK))" -c:a pcm_s16le "$out"
}

encode() { # encode IN.wav OUT.ogg: peak-normalised to -1 dBFS, mono Ogg Opus, reproducible
    local peak gain
    peak=$(ffmpeg -nostdin -hide_banner -nostats -i "$1" -af volumedetect -f null - 2>&1 |
        sed -n 's/.*max_volume: \(-\{0,1\}[0-9.]*\) dB.*/\1/p')
    gain=$(awk -v p="$peak" 'BEGIN { printf "%.1f", -1 - p }')
    ffmpeg -nostdin -v error -y -i "$1" -af "volume=${gain}dB" -c:a libopus -b:a "$BITRATE" \
        -application voip -map_metadata -1 -fflags +bitexact -flags:a +bitexact "$2"
}

# One exercise: "excerpt<TAB>mode<TAB>source language<TAB>target language<TAB>model audio".
settings() {
    python3 - "$1" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as handle:
    exercise = json.load(handle)
print("\t".join([exercise["excerpt"], exercise["mode"], exercise["source_language"],
                 exercise["target_language"], exercise["model_audio"] or ""]))
EOF
}

# The turns of an excerpt, "speaker<TAB>text" a line; then its audio file's name on stdout's
# first line.
turns_of() {
    python3 - "$1" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as handle:
    excerpt = json.load(handle)
if not excerpt.get("audio"):
    sys.exit(f'{sys.argv[1]}: an exercise\'s excerpt needs "audio", the name of its file')
print(excerpt["audio"])
for segment in excerpt["segments"]:
    print(f"{segment['speaker']}\t{segment['text']}")
EOF
}

# The lines of a rendition (KEY: "model_transcript" of an exercise, "transcript" of a demo
# rendition), without their numbers, checked against the number of turns.
lines_of() {
    python3 - "$1" "$2" "$3" <<'EOF'
import json, re, sys
path, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, encoding="utf-8") as handle:
    lines = json.load(handle)[key].split("\n")
if len(lines) != count:
    sys.exit(f"{path}: {key} has {len(lines)} lines for {count} turns (one a turn)")
for number, line in enumerate(lines, start=1):
    match = re.fullmatch(rf"{number}\. (.+)", line)
    if not match:
        sys.exit(f'{path}: {key}, line {number} should begin "{number}. "')
    print(match.group(1))
EOF
}

# Captions, the turns' starts and the exercise's turns and hard moments, from the timings
# ("start length" in samples, one line a turn, in $3).
write_back() {
    python3 - "$1" "$2" "$3" "$4" "$RATE" <<'EOF'
import json, sys
excerpt_path, exercise_path, timings_path, vtt_path, rate = sys.argv[1:6]
rate = int(rate)
with open(timings_path, encoding="utf-8") as handle:
    timings = [tuple(int(n) for n in line.split()) for line in handle if line.strip()]
with open(excerpt_path, encoding="utf-8") as handle:
    excerpt = json.load(handle)
with open(exercise_path, encoding="utf-8") as handle:
    exercise = json.load(handle)
segments = excerpt["segments"]
if len(timings) != len(segments):
    sys.exit(f"{len(timings)} turns synthesised, but {len(segments)} in {excerpt_path}")

def seconds(samples):
    return round(samples / rate, 2)

def vtt_time(samples):
    ms = samples * 1000 // rate
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"

old_starts = [float(segment["start"]) for segment in segments]
starts = [seconds(start) for start, _ in timings]
ends = [seconds(start + length) for start, length in timings]
cues = ["WEBVTT"]
for number, (segment, (start, length)) in enumerate(zip(segments, timings), start=1):
    cues.append(f"\n{number}\n{vtt_time(start)} --> {vtt_time(start + length)}\n"
                f"<v {segment['speaker']}>{segment['text']}")
    segment["start"] = seconds(start)
with open(vtt_path, "w", encoding="utf-8") as handle:
    handle.write("\n".join(cues) + "\n")

# A hard moment stays in its turn, as far into it as it was (at most to the turn's end).
moments = []
for moment in exercise["hard_moments"]:
    at = float(moment["at"])
    turn = max(i for i, start in enumerate(old_starts) if start <= at or i == 0)
    moved = starts[turn] + min(max(at - old_starts[turn], 0.0), ends[turn] - starts[turn])
    moments.append({**moment, "at": round(moved, 2)})
exercise["hard_moments"] = moments
exercise["turns"] = ends if exercise["mode"] == "consecutive" else []
for path, data in ((excerpt_path, excerpt), (exercise_path, exercise)):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
EOF
}

other_language() { # other_language LANGUAGE SOURCE TARGET
    if [ "$1" = "$2" ]; then echo "$3"; elif [ "$1" = "$3" ]; then echo "$2"; else
        echo "a speaker speaks $1, which is neither $2 nor $3" >&2
        return 1
    fi
}

for exercise in "$DATA"/exercises/*.json; do
    IFS=$'\t' read -r key mode source target model < <(settings "$exercise")
    excerpt="$DATA/excerpts/$key.json"
    listing=$(turns_of "$excerpt")
    audio=$(head -n 1 <<<"$listing")
    if [ "$mode" = "simultaneous" ]; then gap="$GAP_SIMULTANEOUS"; else gap="$GAP_CONSECUTIVE"; fi
    gap_samples=$(to_samples "$gap")
    silence "$WORK/gap.wav" "$gap_samples"

    # The source, turn by turn.
    pieces=()
    languages=()
    position=0
    : >"$WORK/timings"
    i=0
    while IFS=$'\t' read -r speaker text; do
        i=$((i + 1))
        found=$(voice "$key:$speaker")
        languages+=("${found%%|*}")
        speak "$WORK/turn_$i.wav" "${found#*|}" "$text"
        length=$(samples_of "$WORK/turn_$i.wav")
        if [ "${#pieces[@]}" -gt 0 ]; then
            pieces+=("$WORK/gap.wav")
            position=$((position + gap_samples))
        fi
        pieces+=("$WORK/turn_$i.wav")
        echo "$position $length" >>"$WORK/timings"
        position=$((position + length))
    done < <(tail -n +2 <<<"$listing")
    concat "$WORK/source.wav" "${pieces[@]}"
    measured=$(samples_of "$WORK/source.wav")
    if [ "$measured" != "$position" ]; then
        echo "$key: the joined source is $measured samples long, not $position" >&2
        exit 1
    fi
    encode "$WORK/source.wav" "$MEDIA/$audio"
    write_back "$excerpt" "$exercise" "$WORK/timings" "$MEDIA/${audio%.*}.vtt"
    echo "wrote $MEDIA/$audio ($(ffprobe -v error -show_entries format=duration -of csv=p=0 \
        "$MEDIA/$audio") s, $(stat -c %s "$MEDIA/$audio") bytes) and its captions" >&2

    # The model rendition: each turn into the other language, by the interpreter's voice.
    [ -z "$model" ] && continue
    pieces=()
    position=0
    i=0
    mapfile -t starts < <(cut -d ' ' -f 1 "$WORK/timings")
    while IFS= read -r line; do
        i=$((i + 1))
        into=$(other_language "${languages[$((i - 1))]}" "$source" "$target")
        found=$(voice "model:$into")
        speak "$WORK/model_$i.wav" "${found#*|}" "$line"
        if [ "$mode" = "simultaneous" ]; then
            begin=$((starts[i - 1] + $(to_samples "$LAG")))
            if [ "${#pieces[@]}" -gt 0 ] && [ "$begin" -lt $((position + gap_samples)) ]; then
                begin=$((position + gap_samples))
            fi
        elif [ "${#pieces[@]}" -gt 0 ]; then
            begin=$((position + gap_samples))
        else
            begin=0
        fi
        if [ "$begin" -gt "$position" ]; then
            silence "$WORK/model_gap_$i.wav" $((begin - position))
            pieces+=("$WORK/model_gap_$i.wav")
        fi
        pieces+=("$WORK/model_$i.wav")
        position=$((begin + $(samples_of "$WORK/model_$i.wav")))
    done < <(lines_of "$exercise" model_transcript "${#languages[@]}")
    concat "$WORK/model.wav" "${pieces[@]}"
    encode "$WORK/model.wav" "$MEDIA/$model"
    echo "wrote $MEDIA/$model ($(ffprobe -v error -show_entries format=duration -of csv=p=0 \
        "$MEDIA/$model") s, $(stat -c %s "$MEDIA/$model") bytes)" >&2
done

# What a demo rendition needs: "exercise<TAB>audio"; its exercise is consecutive.
rendition_settings() {
    python3 - "$1" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as handle:
    rendition = json.load(handle)
print(f"{rendition['exercise']}\t{rendition['audio']}")
EOF
}

# The rendition's turn marks, from the exercise's turns and the timings ("start length" in
# samples, one line a turn, in $3), and its remarks, each kept in its turn.
write_marks() {
    python3 - "$1" "$2" "$3" "$RATE" <<'EOF'
import json, sys
rendition_path, exercise_path, timings_path, rate = sys.argv[1:5]
rate = int(rate)
with open(timings_path, encoding="utf-8") as handle:
    timings = [tuple(int(n) for n in line.split()) for line in handle if line.strip()]
with open(rendition_path, encoding="utf-8") as handle:
    rendition = json.load(handle)
with open(exercise_path, encoding="utf-8") as handle:
    turns = json.load(handle)["turns"]
if len(timings) != len(turns):
    sys.exit(f"{len(timings)} turns recorded, but {len(turns)} in {exercise_path}")

def seconds(samples):
    return round(samples / rate, 2)

old = [(mark["rendition_start"], mark["rendition_end"]) for mark in rendition["turn_marks"]]
marks = [
    {
        "turn": number,
        "source_end": source_end,
        "rendition_start": seconds(start),
        "rendition_end": seconds(start + length),
    }
    for number, (source_end, (start, length)) in enumerate(zip(turns, timings), start=1)
]
# A remark stays in its turn, as far into it as it was (at most to the turn's end).
if len(old) == len(marks):
    for remark in rendition["review"]["remarks"]:
        at = float(remark["at"])
        turn = max(i for i, (start, _end) in enumerate(old) if start <= at or i == 0)
        new = marks[turn]
        offset = min(max(at - old[turn][0], 0.0), new["rendition_end"] - new["rendition_start"])
        remark["at"] = round(new["rendition_start"] + offset, 2)
rendition["turn_marks"] = marks
with open(rendition_path, "w", encoding="utf-8") as handle:
    handle.write(json.dumps(rendition, indent=2, ensure_ascii=False) + "\n")
EOF
}

# The demo renditions: what the learner said after each source turn, as the recorder keeps it.
lead_samples=$(to_samples "$LEAD")
tail_samples=$(to_samples "$TAIL")
silence "$WORK/lead.wav" "$lead_samples"
silence "$WORK/tail.wav" "$tail_samples"
for rendition in "$DATA"/renditions/*.json; do
    IFS=$'\t' read -r exercise_key audio < <(rendition_settings "$rendition")
    exercise="$DATA/exercises/$exercise_key.json"
    IFS=$'\t' read -r key mode source target _model < <(settings "$exercise")
    if [ "$mode" != "consecutive" ]; then
        echo "$rendition: only renditions of consecutive exercises are synthesised" >&2
        exit 1
    fi
    languages=()
    while IFS=$'\t' read -r speaker _text; do
        found=$(voice "$key:$speaker")
        languages+=("${found%%|*}")
    done < <(turns_of "$DATA/excerpts/$key.json" | tail -n +2)
    pieces=()
    position=0
    : >"$WORK/timings"
    i=0
    while IFS= read -r line; do
        i=$((i + 1))
        into=$(other_language "${languages[$((i - 1))]}" "$source" "$target")
        found=$(voice "learner:$into")
        PAUSE="$PAUSE_LEARNER" speak "$WORK/learner_$i.wav" "${found#*|}" "$line"
        length=$((lead_samples + $(samples_of "$WORK/learner_$i.wav") + tail_samples))
        pieces+=("$WORK/lead.wav" "$WORK/learner_$i.wav" "$WORK/tail.wav")
        echo "$position $length" >>"$WORK/timings"
        position=$((position + length))
    done < <(lines_of "$rendition" transcript "${#languages[@]}")
    concat "$WORK/rendition.wav" "${pieces[@]}"
    measured=$(samples_of "$WORK/rendition.wav")
    if [ "$measured" != "$position" ]; then
        echo "$rendition: the joined rendition is $measured samples long, not $position" >&2
        exit 1
    fi
    encode "$WORK/rendition.wav" "$MEDIA/$audio"
    write_marks "$rendition" "$exercise" "$WORK/timings"
    echo "wrote $MEDIA/$audio ($(ffprobe -v error -show_entries format=duration -of csv=p=0 \
        "$MEDIA/$audio") s, $(stat -c %s "$MEDIA/$audio") bytes) and its turn marks" >&2
done
echo "wrote the starts into excerpts/, the turns and hard moments into exercises/ and the turn" \
    "marks and remarks into renditions/" >&2
