package practice_test

import (
	"net/netip"
	"regexp"
	"strings"
	"testing"

	"github.com/netground/netground/core/practice"
	"github.com/netground/netground/core/tool"
)

// TestToolboxTopic checks the "toolbox" topic: a link names it, every kind
// of question comes up at its levels, each answer is what core/tool
// computes from what the question gives, and the usual mistakes are named.
func TestToolboxTopic(t *testing.T) {
	t.Parallel() // generating thousands of questions: the slowest tests of the package
	for _, in := range []string{"toolbox", "Toolbox , subnet"} {
		ts, err := practice.ParseTopics(in)
		if err != nil || !strings.HasSuffix(practice.JoinTopics(ts), "toolbox") {
			t.Errorf("ParseTopics(%q) = %q, %v; want toolbox", in, practice.JoinTopics(ts), err)
		}
	}
	if got := practice.TopicToolbox.Title(); got != "Address toolbox" {
		t.Errorf("title %q", got)
	}
	for _, topic := range practice.DefaultTopics() {
		if topic == practice.TopicToolbox {
			t.Errorf("the default topics hold toolbox: links without topics would change")
		}
	}
	kinds := map[int]map[string]bool{}
	for level := practice.MinLevel; level <= practice.MaxLevel; level++ {
		kinds[level] = map[string]bool{}
		for seed := range uint64(300) {
			q := practice.Generate(practice.TopicToolbox, level, seed, 3)
			kind := toolboxKind(t, q)
			kinds[level][kind] = true
		}
	}
	want := map[int][]string{
		1: {"link-local", "nth", "add", "reverse"},
		2: {"link-local", "solicited-node", "nth", "add", "reverse"},
		3: {"slaac", "solicited-node", "nth", "add", "distance", "reverse"},
	}
	for level, ks := range want {
		for _, k := range ks {
			if !kinds[level][k] {
				t.Errorf("level %d never asks for %s (asks %v)", level, k, kinds[level])
			}
		}
	}
}

var nthQuestion = regexp.MustCompile(`what is address (\S+)(?: \(\d+\))? of (\S+)\?$`)

// toolboxKind recomputes a question's answer with core/tool from the values
// its text gives, and names its kind.
func toolboxKind(t *testing.T, q practice.Question) string {
	t.Helper()
	words := strings.Fields(strings.NewReplacer("?", " ", "(", " ", ")", " ", ",", " ", ". ", " ").Replace(q.Text))
	after := func(w string) string {
		for i, x := range words {
			if x == w && i+1 < len(words) {
				return words[i+1]
			}
		}
		t.Fatalf("%q: no word after %q", q.Text, w)
		return ""
	}
	check := func(got, kind string) string {
		t.Helper()
		if got != q.Answer {
			t.Errorf("%s: %q: the tool says %q; the question's answer is %q", kind, q.Text, got, q.Answer)
		}
		return kind
	}
	switch {
	case strings.Contains(q.Text, "link-local"):
		return check(tool.LinkLocal(tool.MustParseMAC(after("address"))).String(), "link-local")
	case strings.Contains(q.Text, "SLAAC"):
		a, err := tool.SLAAC(netip.MustParsePrefix(after("prefix")), tool.MustParseMAC(after("MAC")))
		if err != nil {
			t.Fatal(err)
		}
		return check(a.String(), "slaac")
	case strings.Contains(q.Text, "solicited-node"):
		g, err := tool.SolicitedNode(netip.MustParseAddr(after("for")))
		if err != nil {
			t.Fatal(err)
		}
		return check(g.String(), "solicited-node")
	case strings.Contains(q.Text, "what is address"):
		m := nthQuestion.FindStringSubmatch(q.Text)
		if m == nil {
			t.Fatalf("%q: not a question of the nth address", q.Text)
		}
		p := netip.MustParsePrefix(m[2])
		a, err := tool.Nth(p, tool.MustParseDelta(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		return check(a.String(), "nth")
	case strings.HasPrefix(q.Text, "What address is"):
		d := tool.MustParseDelta(words[5])
		if words[4] == "-" {
			d = d.Neg()
		}
		a, err := tool.Add(netip.MustParseAddr(words[3]), d)
		if err != nil {
			t.Fatal(err)
		}
		return check(a.String(), "add")
	case strings.Contains(q.Text, "How many addresses"):
		d, err := tool.Distance(netip.MustParseAddr(after("from")), netip.MustParseAddr(after("reach")))
		if err != nil {
			t.Fatal(err)
		}
		if f := q.Check(d.Neg().String()); f.Correct || !strings.Contains(f.Message, "sign") {
			t.Errorf("%q: the opposite sign: %+v", q.Text, f)
		}
		return check(d.String(), "distance")
	case strings.Contains(q.Text, "reverse DNS zone"):
		z, err := tool.ReverseZone(netip.MustParsePrefix(after("of")))
		if err != nil || !z.Exact() {
			t.Fatalf("%q: %v, %+v", q.Text, err, z)
		}
		if f := q.Check(z.Zones[0] + "."); !f.Correct {
			t.Errorf("%q: the zone with its trailing dot: %+v", q.Text, f)
		}
		return check(z.Zones[0], "reverse")
	}
	t.Fatalf("a question of no known kind: %q", q.Text)
	return ""
}

func TestToolboxMistakes(t *testing.T) {
	// The mistakes learners make, each named.
	for seed := range uint64(400) {
		q := practice.Generate(practice.TopicToolbox, 1, seed, 0)
		switch {
		case strings.Contains(q.Text, "link-local"):
			a := netip.MustParseAddr(q.Answer).As16()
			a[8] ^= 0x02 // the U/L bit left alone
			if f := q.Check(netip.AddrFrom16(a).String()); f.Correct || !strings.Contains(f.Message, "universal/local") {
				t.Errorf("%q, U/L bit not inverted: %+v", q.Text, f)
			}
			if f := q.Check(q.Answer + "%eth0"); !f.Correct {
				t.Errorf("%q, with a zone: %+v", q.Text, f)
			}
		case strings.Contains(q.Text, "reverse DNS zone"):
			labels := strings.Split(strings.TrimSuffix(q.Answer, ".in-addr.arpa"), ".")
			fwd := labels[2] + "." + labels[1] + "." + labels[0] + ".in-addr.arpa"
			if fwd == q.Answer {
				continue
			}
			if f := q.Check(fwd); f.Correct || !strings.Contains(f.Message, "reverse order") {
				t.Errorf("%q, forward order %q: %+v", q.Text, fwd, f)
			}
			if f := q.Check("0." + q.Answer); f.Correct || !strings.Contains(f.Message, "network address alone") {
				t.Errorf("%q, the network address's name: %+v", q.Text, f)
			}
			if f := q.Check(strings.ToUpper(q.Answer)); !f.Correct {
				t.Errorf("%q, in capitals: %+v", q.Text, f)
			}
		case strings.Contains(q.Text, "what is address"):
			a := netip.MustParseAddr(q.Answer)
			if f := q.Check(a.Next().String()); f.Correct || !strings.Contains(f.Message, "one off") {
				t.Errorf("%q, one off: %+v", q.Text, f)
			}
		}
	}
}
