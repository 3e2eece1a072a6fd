# Shared by the screen tests (sourced): a new working folder (removed on exit, with the Xvfb
# stopped), a private Xvfb, the demo desk with its badges and bundle, waiting for screenshots and
# focusing the kiosk's window. Expects $here (tests/kiosk), $issuer and $demo.

work=$(mktemp -d)
xvfb_pid=
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
source "$here/../support/check.sh"
cd "$work"

export ACCRED_PASSPHRASE="desk passphrase 2014"
export ACCRED_KIOSK_PASSPHRASE="kiosk passphrase 2014"
# The software renderer draws the same pixels on every machine; no sound card in CI.
export SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
# Under the sanitizer build: SDL loads the X11 libraries with dlopen and unloads them at SDL_Quit,
# so what they keep for the process's life shows as leaks from "<unknown module>", which no
# suppression can name. Leak detection is off for this test's processes only; ASan's other
# checks stay on, and the screen's logic runs with leak detection in accred_tests [screen].
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
json_field() { /usr/bin/python3 -c "import json,sys; [print(json.loads(l).get('$1')) for l in sys.stdin]"; }
joined() { tr '\n' ' ' | sed 's/ $//'; }

# A private X server; -displayfd picks a free display number.
start_xvfb() {
    Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp 3>display.txt 2>xvfb.log &
    xvfb_pid=$!
    for _ in $(seq 1 50); do [ -s display.txt ] && break; sleep 0.1; done
    export DISPLAY=":$(cat display.txt)"
    check "Xvfb started" 0 "$([ -s display.txt ]; echo $?)"
}

# The demo's desk: everyone issued, badges as PNG images, the bundle of 31 March.
make_demo_desk() {
    $issuer init desk --event "$demo/event.toml" --kdf-cost interactive >/dev/null
    $issuer roster import "$demo/roster.csv" -w desk --now 2014-03-28T08:00:00Z >/dev/null
    $issuer issue --all -w desk --now 2014-03-28T08:00:00Z >/dev/null
    $issuer badges --png-dir badges --dpi 150 -w desk >/dev/null
    $issuer bundle --out v1.bundle -w desk --now 2014-03-31T05:00:00Z >/dev/null
}
credential() { sqlite3 desk/desk.db "SELECT text FROM credentials WHERE holder = '$1'"; }

# wait_for COUNT DIR: until DIR holds COUNT screenshots (at most 20 s).
wait_for() {
    for _ in $(seq 1 200); do
        [ "$(ls "$2"/*.png 2>/dev/null | wc -l)" -ge "$1" ] && return 0
        sleep 0.1
    done
    return 1
}
# The kiosk window, focused so that typed keys reach it as a scanner's would.
focus_kiosk() {
    # Bounded: a kiosk that failed to start (a bad option, say) must fail the test, not hang it.
    wid=$(timeout 60 xdotool search --sync --onlyvisible --name "accred kiosk" | head -1)
    if [ -z "$wid" ]; then
        echo "FAIL: no kiosk window within 60 s" >&2
        return 1
    fi
    xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
}
