# Shared by the CLI test scripts: counted checks, and the closing "N passed, N failed" line that
# ctest's log shows. Source it, call check / expect_text, end with finish.
failures=0
passes=0

# check DESCRIPTION EXPECTED ACTUAL
check() {
    if [ "$2" = "$3" ]; then passes=$((passes + 1)); else
        echo "FAIL: $1 (expected '$2', got '$3')"; failures=$((failures + 1)); fi
}

# expect_text DESCRIPTION FILE PATTERN
expect_text() {
    if grep -q -- "$3" "$2"; then passes=$((passes + 1)); else
        echo "FAIL: $1: '$3' not in:"; head -20 "$2"; failures=$((failures + 1)); fi
}

finish() {
    echo "$passes passed, $failures failed"
    [ "$failures" = 0 ]
}
