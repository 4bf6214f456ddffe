package field

import "strconv"

// Count writes n with the noun that agrees with it, so that a message never
// says "1 pods": Count(1, "pod", "pods") is "1 pod", Count(3, "pod", "pods")
// "3 pods" and Count(0, "pod", "pods") "0 pods".
func Count[N ~int | ~int64 | ~uint | ~uint16 | ~uint32 | ~uint64](n N, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	if n < 0 {
		return strconv.FormatInt(int64(n), 10) + " " + many
	}
	return strconv.FormatUint(uint64(n), 10) + " " + many
}

// CountText is Count for a count already written in decimal, such as a
// 128-bit number of addresses: CountText("1", "address", "addresses") is
// "1 address".
func CountText(n, one, many string) string {
	if n == "1" {
		return "1 " + one
	}
	return n + " " + many
}
