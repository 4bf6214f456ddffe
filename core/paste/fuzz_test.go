package paste_test

import (
	"strings"
	"testing"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/core/paste"
	"github.com/netground/netground/core/scenario"
)

// checkResult checks what holds for every Result: a known kind, a link
// that opens (a lab link decodes to a valid scenario), no raw paste in
// the link.
func checkResult(t *testing.T, in string, r paste.Result) {
	t.Helper()
	if int(r.Kind) > int(paste.KindCluster) || r.Summary == "" {
		t.Fatalf("Classify(%q) = kind %d, summary %q", in, r.Kind, r.Summary)
	}
	if r.Kind == paste.KindUnknown {
		if r.Link != "" {
			t.Fatalf("Classify(%q): unknown with link %q", in, r.Link)
		}
		return
	}
	if _, frag, ok := strings.Cut(r.Link, "#"); ok {
		doc, err := scenario.DecodeFragment(frag)
		if err != nil {
			t.Fatalf("Classify(%q): link %q does not decode: %v", in, r.Link, err)
		}
		switch doc.Widget {
		case scenario.WidgetBind:
			if _, err := bind.DecodeScenario(doc.State); err != nil {
				t.Fatalf("Classify(%q): bind scenario: %v", in, err)
			}
		case scenario.WidgetK8s:
			if _, err := k8s.DecodeScenario(doc.State); err != nil {
				t.Fatalf("Classify(%q): k8s scenario: %v", in, err)
			}
		case scenario.WidgetNAT:
			if _, err := nat.DecodeScenario(doc.State); err != nil {
				t.Fatalf("Classify(%q): NAT scenario: %v", in, err)
			}
		}
		if r.Kind == paste.KindError && doc.Widget != r.Diagnosis.Lab {
			t.Fatalf("Classify(%q): link to the %v lab; the diagnosis says %v", in, doc.Widget, r.Diagnosis.Lab)
		}
	}
	if len(in) > 40 && strings.Contains(r.Link, in) {
		t.Fatalf("Classify(%q): the link carries the paste", in)
	}
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"8.8.8.8", "10.0.0.0/24", "10.0.0.0 0.0.0.255", "10.0.0.1-10.0.0.9", "80/tcp", "postgres",
		"[::1]:5432", "https://example.com", "10.0.0.0/8\n172.16.0.0/12", devMachine, clusterPaste} {
		f.Add(s)
	}
	for _, e := range errorSamples {
		f.Add(e.text)
	}
	for _, e := range labSamples {
		f.Add(e.text)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkResult(t, in, paste.Classify(in))
	})
}

// fuzzFormat fuzzes one parser: each input follows the format's header,
// and whatever is read must build a scenario that validates.
func fuzzFormat(f *testing.F, header string, rows ...string) {
	for _, r := range rows {
		f.Add(r)
	}
	f.Fuzz(func(t *testing.T, row string) {
		in := header + "\n" + row
		m := paste.ParseMachine(in)
		s, _ := m.Scenario()
		if err := s.Validate(); err != nil {
			t.Fatalf("ParseMachine(%q): scenario: %v", in, err)
		}
		for _, l := range m.Listeners {
			if !l.IsValid() {
				t.Fatalf("ParseMachine(%q): invalid listener %+v", in, l)
			}
		}
		m.Findings()
		checkResult(t, in, paste.Classify(in))
	})
}

func rowsOf(header string) []string {
	var out []string
	for _, s := range listenerSamples {
		if s.header == header {
			out = append(out, s.line)
		}
	}
	return out
}

func FuzzSS(f *testing.F) { fuzzFormat(f, ssHeader, rowsOf(ssHeader)...) }
func FuzzNetstat(f *testing.F) {
	fuzzFormat(f, macVHeader, append(rowsOf(macHeader), rowsOf(macVHeader)...)...)
}
func FuzzWindowsNetstat(f *testing.F) {
	fuzzFormat(f, winHeader, rowsOf(winHeader)...)
}
func FuzzLsof(f *testing.F) { fuzzFormat(f, lsofHeader, rowsOf(lsofHeader)...) }

func FuzzDockerPS(f *testing.F) {
	var rows []string
	for _, d := range dockerSamples {
		rows = append(rows, d.line)
	}
	fuzzFormat(f, dockerHeader, rows...)
}

func FuzzInterfaces(f *testing.F) {
	var rows []string
	for _, s := range interfaceSamples {
		rows = append(rows, s.text)
	}
	fuzzFormat(f, "", rows...)
}

func FuzzDiagnose(f *testing.F) {
	for _, e := range errorSamples {
		f.Add(e.text)
	}
	for _, e := range labSamples {
		f.Add(e.text)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, ok := paste.Diagnose(in)
		if !ok {
			return
		}
		if d.Errno == paste.NoErrno || d.Verdict == "" || d.Explanation == "" {
			t.Fatalf("Diagnose(%q) = %+v", in, d)
		}
		if d.Lab != scenario.WidgetBind {
			replayLab(t, in, d)
			return
		}
		s := openBindLink(t, d.Link)
		tr, err := bind.Run(s)
		if err != nil || d.Step >= len(tr.Steps) {
			t.Fatalf("Diagnose(%q): Run: %v", in, err)
		}
		if got := tr.Steps[d.Step].Result.Verdict; got != d.LabVerdict {
			t.Fatalf("Diagnose(%q): lab verdict %v; want %v\n%v", in, got, d.LabVerdict, tr.Steps[d.Step].Result.Reasons)
		}
	})
}

func FuzzCluster(f *testing.F) {
	f.Add(clusterPaste)
	for _, s := range podSamples {
		f.Add(s.text)
	}
	for _, s := range serviceSamples {
		f.Add(s.text)
	}
	for _, s := range endpointSamples {
		f.Add(s.text)
	}
	for _, s := range nodeSamples {
		f.Add(s.text)
	}
	f.Fuzz(func(t *testing.T, in string) {
		c := paste.ParseCluster(in)
		s, _ := c.Scenario()
		if err := s.Validate(); err != nil {
			t.Fatalf("ParseCluster(%q): scenario: %v", in, err)
		}
		c.Findings()
	})
}
