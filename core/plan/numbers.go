package plan

import (
	"strconv"
	"strings"
)

// ParseLength reads a prefix length as people write it, "24" or "/24": a
// whole number from 0 to 128. Whether the length suits a network is for
// the operation to say (SplitBits, alloc.NextFree).
func ParseLength(text string) (int, error) {
	t := strings.TrimSpace(text)
	digits := strings.TrimPrefix(t, "/")
	n, err := strconv.Atoi(digits)
	if err != nil || !isDigits(digits) || n > 128 {
		return 0, &numberError{"prefix length", text, "a whole number from 0 to 128, such as 24"}
	}
	return n, nil
}

// ParseParts reads the number of parts to split a network into: a whole
// number of at least 1.
func ParseParts(text string) (uint64, error) {
	t := strings.TrimSpace(text)
	n, err := strconv.ParseUint(t, 10, 64)
	if err != nil || !isDigits(t) || n == 0 {
		return 0, &numberError{"number of parts", text, "a whole number of at least 1, such as 4"}
	}
	return n, nil
}

// isDigits reports whether s is one or more ASCII digits: no sign, no
// space.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// numberError says which number could not be read, quoting the text, and
// what to write instead.
type numberError struct{ what, text, want string }

func (e *numberError) Error() string {
	return e.what + " " + strconv.Quote(strings.TrimSpace(e.text)) + ": write " + e.want
}
