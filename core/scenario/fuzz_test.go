package scenario_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"testing"

	"github.com/netground/netground/core/scenario"
)

// FuzzParseQuery checks that any raw query reads without a panic into states that re-encode
// cleanly: the state read from a state's own link is that state, with no problems, through
// the readable query and through the fragment.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"ip=192.168.1.42", "net=10.0.0.0/20&host=10.0.3.7&cloud=aws", "net=10.0.0.0/24&b=10.0.1.5&gw=10.0.0.1&cloud=GCP",
		"mode=split&net=10.0.0.0/16&len=24&page=3", "mode=vlsm&net=10.0.0.0/22&list=a=200%0Ab=50", "parts=4&len=9",
		"q=postgres", "q=%5B::1%5D:443", "v=99&ip=::1", "cloud=foo&len=abc&page=-1", "ip=%zz&x;y=1&&=&a", "list=%FF%FE",
		"page=18446744073709551615", "mode=overlap&list=home+=+192.168.1.0/24%0Adocker+=+172.17.0.0/16",
		"mode=tree&net=10.0.0.0/24&tree=25,26x2&cloud=aws&names=office%5C,+2nd,,lab", "mode=tree&cloud=ibm&tree=%FF",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := scenario.SplitQuery(raw)
		for _, w := range []scenario.Widget{scenario.WidgetAddr, scenario.WidgetSubnet, scenario.WidgetPlan, scenario.WidgetPorts} {
			s, _ := parse(w, q)
			again, problems := parse(w, s.Query())
			if again != s || len(problems) != 0 {
				t.Fatalf("%s: Parse(%q) = %#v; its Query parses to %#v, %v", w, raw, s, again, problems)
			}
			q2, problems := scenario.SplitQuery(s.Encode())
			if again, more := parse(w, q2); again != s || len(problems)+len(more) != 0 {
				t.Fatalf("%s: Parse(%q) = %#v; its Encode %q parses to %#v, %v %v", w, raw, s, s.Encode(), again, problems, more)
			}
			d := scenario.NewDocument(s, "")
			b, err := scenario.Marshal(d)
			if err != nil {
				t.Fatalf("%s: Marshal(NewDocument(%#v)) error: %v", w, s, err)
			}
			d, err = scenario.Unmarshal(b)
			if err != nil {
				t.Fatalf("%s: Unmarshal(Marshal(NewDocument(%#v))) error: %v", w, s, err)
			}
			q3, err := d.Query()
			if err != nil {
				t.Fatal(err)
			}
			if again, more := parse(w, q3); again != s || len(more) != 0 {
				t.Fatalf("%s: document of %#v parses to %#v, %v", w, s, again, more)
			}
		}
	})
}

// FuzzDecodeFragment checks that any fragment decodes without a panic, in bounded time, to
// a document or a *DecodeError, and that a decoded document round-trips.
func FuzzDecodeFragment(f *testing.F) {
	for _, d := range []scenario.Document{
		natDoc(),
		scenario.NewDocument(scenario.SubnetState{Net: "10.0.0.0/20", Host: "10.0.3.7"}, "office"),
		scenario.NewDocument(scenario.PlanState{List: planList(20)}, ""),
	} {
		s, err := scenario.Fragment(d)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(s)
		f.Add(s[:len(s)/2])
	}
	for _, s := range []string{"", "#", "s=", "s=1.", "s=2.AAAA", "#a&s=1.____", "s=1.AAAA=", deflated(`{"format":"netground/scenario"}`)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fragment string) {
		d, err := scenario.DecodeFragment(fragment)
		if err != nil {
			checkKind(t, err)
			return
		}
		again, err := scenario.Fragment(d)
		if err != nil {
			t.Fatalf("Fragment(DecodeFragment(%q)) error: %v", fragment, err)
		}
		d2, err := scenario.DecodeFragment(again)
		if err != nil || !reflect.DeepEqual(d, d2) {
			t.Fatalf("DecodeFragment(%q) = %+v; its re-encoding decodes to %+v, %v", fragment, d, d2, err)
		}
	})
}

// FuzzUnmarshal checks that any file opens without a panic to a document or a *DecodeError,
// and that an opened document marshals and opens again to the same document.
func FuzzUnmarshal(f *testing.F) {
	b, _ := scenario.Marshal(natDoc())
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Add([]byte(`{"format":"netground/scenario","version":1,"widget":"plan","state":{"list":"a\nb","mode":"vlsm"}}`))
	f.Add([]byte(`{"format":"netground/scenario","version":2,"widget":"addr","state":{}}`))
	f.Add([]byte(`{"format":"netground/scenario","version":1,"widget":"nat","name":"\u00e9","state":{"a":[1e400]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := scenario.Unmarshal(data)
		if err != nil {
			checkKind(t, err)
			return
		}
		b, err := scenario.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal(Unmarshal(%q)) error: %v", data, err)
		}
		d2, err := scenario.Unmarshal(b)
		if err != nil || !sameDocument(d, d2) {
			t.Fatalf("Unmarshal(%q) = %+v; marshalled again it opens as %+v, %v", data, d, d2, err)
		}
		if d.Widget.IsSimple() {
			if _, err := d.Query(); err != nil {
				t.Fatalf("Unmarshal(%q) gave a simple document whose Query fails: %v", data, err)
			}
		}
	})
}

// checkKind checks that err is a *DecodeError of exactly one kind.
func checkKind(t *testing.T, err error) {
	t.Helper()
	var de *scenario.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("error %v is not a *DecodeError", err)
	}
	n := 0
	for _, k := range allKinds() {
		if errors.Is(err, k) {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("error %v matches %d kinds; want 1", err, n)
	}
	if de.Partial.Widget != "" && !de.Partial.Widget.IsValid() {
		t.Fatalf("error %v has a partial document for unknown widget %q", err, de.Partial.Widget)
	}
	if len(de.Partial.State) > 0 && !json.Valid(de.Partial.State) {
		t.Fatalf("error %v has a partial state that is not JSON: %q", err, de.Partial.State)
	}
}

// FuzzParseStep: any step parameter gives a step within the scenario and at
// most one problem, never a panic.
func FuzzParseStep(f *testing.F) {
	f.Add("3", 1, 5)
	f.Add("-0", 0, 0)
	f.Add("0x10", 2, 20)
	f.Fuzz(func(t *testing.T, s string, def, total int) {
		total = max(total, 0) % 10000
		def = min(max(def, 0), total)
		got, problems := scenario.ParseStep(url.Values{"step": {s}}, def, total)
		if got < 0 || got > total || len(problems) > 1 {
			t.Errorf("ParseStep(%q, %d, %d) = %d, %v", s, def, total, got, problems)
		}
	})
}
