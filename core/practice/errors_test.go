package practice_test

import (
	"strings"
	"testing"

	"github.com/netground/netground/core/paste"
	"github.com/netground/netground/core/practice"
)

// TestReadTheError checks the "read the error" topic: every question
// shows one error line, its right choice is the likeliest cause or the
// usual fix paste.Diagnose gives for that line, and a link names the topic
// as "errors" (or "error").
func TestReadTheError(t *testing.T) {
	t.Parallel() // generating thousands of questions: the slowest tests of the package
	for _, in := range []string{"errors", "error", "Errors , subnet"} {
		ts, err := practice.ParseTopics(in)
		if err != nil || !strings.HasSuffix(practice.JoinTopics(ts), "errors") {
			t.Errorf("ParseTopics(%q) = %q, %v; want errors", in, practice.JoinTopics(ts), err)
		}
	}
	if practice.TopicErrors.Title() != "Read the error" {
		t.Errorf("title %q", practice.TopicErrors.Title())
	}
	seen := map[paste.Errno]bool{}
	fixes := 0
	for level := practice.MinLevel; level <= practice.MaxLevel; level++ {
		for seed := range uint64(200) {
			q := practice.Generate(practice.TopicErrors, level, seed, 0)
			if len(q.Given) != 1 || q.Kind != practice.Choice || len(q.Choices) != 4 {
				t.Fatalf("level %d seed %d: %+v", level, seed, q)
			}
			d, ok := paste.Diagnose(q.Given[0])
			if !ok {
				t.Fatalf("level %d seed %d: %q is not an error line", level, seed, q.Given[0])
			}
			seen[d.Errno] = true
			want := d.Causes[0]
			if strings.Contains(q.Text, "fix") {
				want, fixes = d.Fix, fixes+1
				if level == 1 {
					t.Errorf("level 1 asks for a fix: %s", q.Given[0])
				}
			}
			if !strings.EqualFold(q.Answer, want) {
				t.Errorf("level %d seed %d: %q: answer %q; want %q", level, seed, q.Given[0], q.Answer, want)
			}
			for i, c := range q.Choices {
				for j := range i {
					if c == q.Choices[j] {
						t.Errorf("level %d seed %d: choice %q twice", level, seed, c)
					}
				}
			}
		}
	}
	for _, e := range []paste.Errno{paste.AddrInUse, paste.ConnRefused, paste.TimedOut, paste.HostUnreach, paste.NetUnreach,
		paste.AddrNotAvail, paste.Access, paste.EmptyReply, paste.ConnReset} {
		if !seen[e] {
			t.Errorf("no question reads %v", e)
		}
	}
	if fixes == 0 {
		t.Errorf("no question asks for a fix")
	}
}
