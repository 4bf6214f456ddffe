package addr

import "strings"

// completions are what Incomplete tries after the text: enough to finish
// any unfinished dotted quad, IPv6 group list, embedded IPv4 or zone.
var completions = []string{
	"0", ".0", ".0.0", ".0.0.0", "0.0", "0.0.0", "0.0.0.0",
	":0", "::", ":", "::0", "0::", "%0",
}

// Incomplete reports whether s is not an address yet but could become one
// by typing more at its end: "", "8.8", "2001:db8:" and "fe80::1%" are
// incomplete; "8.8.8.8." and "999.1" are not (no typing makes them valid),
// and neither is a valid address. A page keeps its last answer while what
// was typed is incomplete, and shows the error once it cannot be.
func Incomplete(s string) bool {
	if _, err := Parse(s); err == nil {
		return false
	}
	return completable(s)
}

// completable reports whether one of the completions after s parses.
func completable(s string) bool {
	if strings.TrimSpace(s) == "" {
		return true
	}
	for _, c := range completions {
		if _, err := Parse(s + c); err == nil {
			return true
		}
	}
	return false
}

// Completions returns the completions Incomplete tries, for packages that
// complete an address inside a longer text (a subnet).
func Completions() []string { return append([]string(nil), completions...) }
