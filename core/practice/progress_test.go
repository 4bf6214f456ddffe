package practice

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestDecodeProgress(t *testing.T) {
	for _, tt := range []struct {
		text string
		err  string // a part of the error; "" accepts
	}{
		{`{"v":1,"current":3,"answers":["1","","","","","","","","",""],"streak":1,"best":1}`, ""},
		{`{"v":1,"current":9,"answers":["","","","","","","","","",""]}`, ""},
		{`{`, "not valid JSON"},
		{`[]`, "not valid JSON"},
		{`null`, "version 0"},
		{`{"v":2,"answers":[]}`, "version 2"},
		{`{"v":1,"current":0,"answers":["a"]}`, "1 answers for 10 questions"},
		{`{"v":1,"current":12,"answers":["","","","","","","","","",""]}`, "current question 12"},
		{`{"v":1,"current":-1,"answers":["","","","","","","","","",""]}`, "current question -1"},
		{`{"v":1,"current":0,"answers":["","","","","","","","","",""],"streak":3,"best":3}`, "do not fit 0 answers"},
		{`{"v":1,"current":0,"answers":["","","","","","","","","",""],"streak":-1}`, "streaks -1"},
		{`{"v":1,"current":0,"answers":["` + strings.Repeat("x", MaxStoredAnswer+1) + `","","","","","","","","",""]}`, "too long"},
	} {
		_, err := DecodeProgress([]byte(tt.text), 10)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("DecodeProgress(%.60s): %v; want it accepted", tt.text, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("DecodeProgress(%.60s) = %v; want an error with %q", tt.text, err, tt.err)
		}
	}
}

func TestOpenProgress(t *testing.T) {
	for _, tt := range []struct {
		stored string
		found  bool
		notice string // a part of the notice; "" for none
	}{
		{``, false, ""},
		{`null`, false, ""},
		{`{}`, false, ""},
		{`{"v":1,"current":3,"answers":["1","","","","","","","","",""],"streak":1,"best":1}`, true, ""},
		{`{`, false, "could not be read (it is not valid JSON)"},
		{`{"v":1,"current":0,"answers":["a"]}`, false, "could not be used (it has 1 answers for 10 questions)"},
		{`{"v":2}`, false, "could not be used (it has version 2, not 1)"},
		{`{"answers":[]}`, false, "could not be used (it has version 0, not 1)"},
	} {
		p, found, notice := OpenProgress(tt.stored, 10)
		if found != tt.found || (tt.notice == "") != (notice == "") || !strings.Contains(notice, tt.notice) {
			t.Errorf("OpenProgress(%q) = found %v, notice %q; want %v, %q", tt.stored, found, notice, tt.found, tt.notice)
		}
		if found && (p.V != ProgressVersion || p.Current != 3 || p.Answers[0] != "1") {
			t.Errorf("OpenProgress(%q) = %+v", tt.stored, p)
		}
	}
}

func TestProgressKey(t *testing.T) {
	s := State{Seed: 42, Topics: []Topic{TopicSubnet, TopicNAT}, Level: 2}
	if got, want := ProgressKey(s), "netground-practice:42:subnet,nat:2"; got != want {
		t.Errorf("ProgressKey = %q; want %q (keys are in people's browsers)", got, want)
	}
}

// FuzzDecodeProgress: stored progress never panics the page, and what is
// accepted keeps its invariants and comes back the same once written.
func FuzzDecodeProgress(f *testing.F) {
	f.Add([]byte(`{"v":1,"current":3,"answers":["1","","",""],"streak":1,"best":1}`), 4)
	f.Add([]byte(`{"v":1,"current":0,"answers":[]}`), 0)
	f.Add([]byte(`{"v":1,"current":0,"answers":["a","b"],"streak":2,"best":2,"x":1}`), 2)
	f.Fuzz(func(t *testing.T, data []byte, total int) {
		p, err := DecodeProgress(data, total)
		if err != nil {
			return
		}
		answered := 0
		for _, a := range p.Answers {
			if a != "" {
				answered++
			}
			if len(a) > MaxStoredAnswer {
				t.Fatalf("accepted an answer of %d bytes", len(a))
			}
		}
		if len(p.Answers) != total || p.Current < 0 || p.Current >= total || p.Streak < 0 || p.Streak > p.Best || p.Best > answered {
			t.Fatalf("accepted %+v for %d questions", p, total)
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		again, err := DecodeProgress(out, total)
		if err != nil || again.V != p.V || again.Current != p.Current || !slices.Equal(again.Answers, p.Answers) || again.Streak != p.Streak || again.Best != p.Best {
			t.Fatalf("%s came back as %+v (%v); want %+v", out, again, err, p)
		}
	})
}
