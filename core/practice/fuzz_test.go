package practice_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/netground/netground/core/practice"
)

// FuzzCheck types arbitrary answers to questions of every topic and level:
// no answer may panic, and every verdict starts with "correct", "wrong: "
// or "not counted: " (text that names no choice), or is blank for a blank
// answer.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"10.0.0.0/8", "10.0.0.0 255.0.0.0", "::1", "0:0:0:0:0:0:0:1", "16,777,216", "2^24", "1", "postgres", "203.0.113.7:50000", "10.0.0.1 - 10.0.0.254", "[", "%", "/", "2^999", "1e9", "\x00", "1,,", "0x10"} {
		f.Add(uint64(1), uint8(0), s)
	}
	f.Fuzz(func(t *testing.T, seed uint64, which uint8, answer string) {
		topics := practice.Topics()
		topic := topics[int(which)%len(topics)]
		level := practice.MinLevel + int(which/8)%practice.MaxLevel
		q := practice.Generate(topic, level, seed, int(which))
		fb := q.Check(answer)
		switch {
		case fb.Blank:
			if strings.TrimSpace(answer) != "" {
				t.Errorf("Check(%q) reported a non-blank answer blank", answer)
			}
		case fb.Invalid:
			if fb.Correct || !strings.HasPrefix(fb.Message, "not counted: ") {
				t.Errorf("Check(%q) invalid with message %q", answer, fb.Message)
			}
		case fb.Correct:
			if !strings.HasPrefix(fb.Message, "correct") {
				t.Errorf("Check(%q) correct with message %q", answer, fb.Message)
			}
		default:
			if !strings.HasPrefix(fb.Message, "wrong: ") {
				t.Errorf("Check(%q) wrong with message %q", answer, fb.Message)
			}
		}
		if !utf8.ValidString(fb.Message) && utf8.ValidString(answer) {
			t.Errorf("Check(%q) message is not valid UTF-8", answer)
		}
	})
}
