package paste

import "strings"

func contains(s, sub string) bool { return strings.Contains(strings.ToLower(s), sub) }
