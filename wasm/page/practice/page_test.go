package practice

import (
	"net/url"
	"strings"
	"testing"

	"github.com/netground/netground/core/practice"
)

func TestReadState(t *testing.T) {
	tests := []struct {
		query    string
		want     string // Encode of the state read
		hasSeed  bool
		problems []string
	}{
		{"topics=subnet,nat&level=2&seed=42", "topics=subnet,nat&level=2&seed=42", true, nil},
		{"topics=nat,subnet&seed=42", "topics=subnet,nat&level=1&seed=42", true, nil},
		{"", "topics=addr,subnet,neighbours,split,ports,bind,nat,k8s&level=1&seed=7", false, nil},
		{"topics=subnet,dns&level=9&seed=x&colour=red", "topics=subnet&level=1&seed=7", false,
			[]string{`topics=subnet,dns: unknown topic "dns"`, "level=9: not a level from 1 to 3", "seed=x: not a whole number", "colour=red: not a practice parameter"}},
		{"topics=&seed=9007199254740992", "topics=addr,subnet,neighbours,split,ports,bind,nat,k8s&level=1&seed=7", false, []string{"topics: no topic given", "seed=9007199254740992"}},
		{"seed=9007199254740991&readonly=1", "topics=addr,subnet,neighbours,split,ports,bind,nat,k8s&level=1&seed=9007199254740991", true, nil},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		s, hasSeed, problems := readState(q, 7)
		if s.Encode() != tt.want || hasSeed != tt.hasSeed {
			t.Errorf("readState(%q) = %q, %v; want %q, %v", tt.query, s.Encode(), hasSeed, tt.want, tt.hasSeed)
		}
		if len(problems) != len(tt.problems) {
			t.Errorf("readState(%q) problems = %v; want %d", tt.query, problems, len(tt.problems))
			continue
		}
		for i, p := range problems {
			if !strings.HasPrefix(p.String(), tt.problems[i]) {
				t.Errorf("readState(%q) problem %d = %q; want it to start with %q", tt.query, i, p, tt.problems[i])
			}
		}
	}
}

func TestSessionScoresAndStreaks(t *testing.T) {
	ss := newSession(state{Seed: 42, Topics: []practice.Topic{practice.TopicSubnet, practice.TopicNAT}, Level: 2})
	qs := ss.set.Questions
	if f, counted := ss.answer("   "); counted || !f.Blank {
		t.Fatalf("a blank answer counted: %+v", f)
	}
	if f, counted := ss.answer(qs[0].Answer); !counted || !f.Correct {
		t.Fatalf("the right answer: %+v, counted %v", f, counted)
	}
	if _, counted := ss.answer("x"); counted {
		t.Fatalf("a second answer to the same question counted")
	}
	v := ss.view()
	if !v.Answered || !strings.HasPrefix(v.Feedback, "correct") || v.Answer != qs[0].Answer || len(v.Steps) == 0 {
		t.Errorf("view after a right answer = %+v", v)
	}
	ss.nextUnanswered()
	ss.answer(qs[1].Answer)
	ss.nextUnanswered()
	if f, _ := ss.answer("nonsense"); f.Correct || !strings.HasPrefix(f.Message, "wrong") {
		t.Errorf("nonsense accepted: %+v", f)
	}
	v = ss.view()
	if v.Score != "2" || v.AnsweredText != "3" || v.TotalText != "10" || v.Streak != "0" || v.Best != "2" {
		t.Errorf("score %s answered %s total %s streak %s best %s; want 2 3 10 0 2", v.Score, v.AnsweredText, v.TotalText, v.Streak, v.Best)
	}
	m := ss.message()
	if m["type"] != "netground:practice" || m["answered"] != 3 || m["correct"] != 2 || m["total"] != 10 || m["seed"] != float64(42) {
		t.Errorf("message = %v", m)
	}

	// Progress round-trips through storage, answers checked again.
	p := ss.progress()
	again := newSession(ss.state)
	restored, err := restore(p, len(again.set.Questions))
	if err != nil {
		t.Fatal(err)
	}
	again.load(restored)
	if got, want := again.view(), ss.view(); got.Score != want.Score || got.Streak != want.Streak || got.Number != want.Number {
		t.Errorf("restored view %+v; want %+v", got, want)
	}
}

func TestCorruptProgressIsRejected(t *testing.T) {
	for _, text := range []string{
		`{`, `[]`, `{"v":2,"answers":[]}`,
		`{"v":1,"current":0,"answers":["a"]}`,
		`{"v":1,"current":12,"answers":["","","","","","","","","",""]}`,
		`{"v":1,"current":0,"answers":["","","","","","","","","",""],"streak":3,"best":3}`,
		`{"v":1,"current":0,"answers":["","","","","","","","","",""],"streak":-1}`,
	} {
		if _, err := decodeProgress(text, 10); err == nil {
			t.Errorf("decodeProgress(%s) accepted corrupt progress", text)
		}
	}
	if _, err := decodeProgress(`{"v":1,"current":3,"answers":["1","","","","","","","","",""],"streak":1,"best":1}`, 10); err != nil {
		t.Errorf("valid progress rejected: %v", err)
	}
}

func TestShortcuts(t *testing.T) {
	tests := []struct {
		key     string
		choices int
		action  string
		pick    int
	}{
		{"n", 0, "next", -1}, {"ArrowRight", 0, "next", -1}, {"p", 0, "prev", -1},
		{"1", 3, "choose", 0}, {"3", 3, "choose", 2}, {"4", 3, "", -1}, {"1", 0, "", -1}, {"x", 2, "", -1},
	}
	for _, tt := range tests {
		a, i := shortcut(tt.key, tt.choices)
		if a != tt.action || i != tt.pick {
			t.Errorf("shortcut(%q, %d) = %q, %d; want %q, %d", tt.key, tt.choices, a, i, tt.action, tt.pick)
		}
	}
}
