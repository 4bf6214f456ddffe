package bindlab

import (
	"net/url"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/scenario"
)

func TestEveryPresetBuilds(t *testing.T) {
	for _, p := range bind.Presets() {
		v := buildView(p.Scenario, len(p.Scenario.Actions))
		if v.Err != "" {
			t.Errorf("%s: %s", p.Name, v.Err)
			continue
		}
		if len(v.Steps) != len(p.Scenario.Actions) {
			t.Errorf("%s: %d steps; want %d", p.Name, len(v.Steps), len(p.Scenario.Actions))
		}
		if !v.HasLatest || v.Latest.Verdict == "" {
			t.Errorf("%s: no latest verdict", p.Name)
		}
		if !strings.HasPrefix(v.Picture, `<div class="bindlab-picture">`) || !strings.HasSuffix(v.Picture, "</div>") || strings.Count(v.Picture, "<div") != strings.Count(v.Picture, "</div>") {
			t.Errorf("%s: picture is not one element", p.Name)
		}
		for _, r := range v.Matrix.Rows {
			if len(r.Cells) != len(v.Matrix.Cols) {
				t.Errorf("%s: matrix row %s has %d cells for %d columns", p.Name, r.Vantage, len(r.Cells), len(v.Matrix.Cols))
			}
			for _, c := range r.Cells {
				if c.Verdict == "" {
					t.Errorf("%s: a matrix cell has no verdict text", p.Name)
				}
			}
		}
	}
}

func TestPresetVerdicts(t *testing.T) {
	tests := []struct {
		preset string
		step   int // 1-based
		want   string
		reason string // a reason of that step contains this
	}{
		{"container-loopback", 2, "reset", "empty reply from server"},
		{"container-loopback", 3, "refused", "127.0.0.1"},
		{"container-loopback", 7, "connected", ""},
		{"address-in-use", 1, "EADDRINUSE", "0.0.0.0"},
		{"localhost-ipv6", 1, "refused", "::1"},
		{"localhost-ipv6", 3, "connected", "Happy Eyeballs"},
		{"privileged-port", 1, "EACCES", "1024"},
		{"nat-inbound", 3, "timed out", "NAT"},
		{"ephemeral-port", 2, "refused", "8080"},
		{"windows-specific-bind", 1, "EACCES", "one user"},
	}
	for _, tt := range tests {
		p, _ := links.Preset(tt.preset)
		v := buildView(p.Scenario, 0)
		s := v.Steps[tt.step-1]
		if s.Verdict != tt.want {
			t.Errorf("%s step %d: verdict %q; want %q", tt.preset, tt.step, s.Verdict, tt.want)
		}
		if tt.reason != "" && !strings.Contains(strings.Join(s.Reasons, " "), tt.reason) {
			t.Errorf("%s step %d: reasons %q do not mention %q", tt.preset, tt.step, s.Reasons, tt.reason)
		}
	}
}

func TestReadScenario(t *testing.T) {
	valid, _ := links.Preset("address-in-use")
	good := links.Path("/bind", valid.Scenario, "", 0, false)
	_, goodFrag, _ := strings.Cut(good, "#")
	broken := bind.Scenario{V: bind.Version, Sockets: []bind.Socket{{Process: "x", Port: 80}}} // no address
	state, _ := broken.Encode()
	badFrag, err := scenario.Fragment(scenario.Document{Widget: scenario.WidgetBind, State: state})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query, fragment string
		preset          string
		actions         int
		problem         string // "" for none
	}{
		{"", "", defaultPreset, -1, ""},
		{"preset=time-wait", "", "time-wait", -1, ""},
		{"preset=nope", "", defaultPreset, -1, "preset=nope"},
		{"", goodFrag, "", len(valid.Scenario.Actions), ""},
		{"preset=time-wait", goodFrag, "", len(valid.Scenario.Actions), ""},
		{"", badFrag, defaultPreset, -1, "sockets[0].addr"},
		{"", "s=1.AAAA", defaultPreset, -1, ""}, // damaged: scenario.ReadLink reports it
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		s, preset, problems := links.Read(q, tt.fragment)
		if preset != tt.preset {
			t.Errorf("links.Read(%q, %q) preset = %q; want %q", tt.query, tt.fragment, preset, tt.preset)
		}
		if tt.actions >= 0 && len(s.Actions) != tt.actions {
			t.Errorf("links.Read(%q, %q) has %d actions; want %d", tt.query, tt.fragment, len(s.Actions), tt.actions)
		}
		got := ""
		for _, p := range problems {
			got += p.String()
		}
		if (tt.problem == "") != (got == "") || !strings.Contains(got, tt.problem) {
			t.Errorf("links.Read(%q, %q) problems %q; want one mentioning %q", tt.query, tt.fragment, got, tt.problem)
		}
	}
}

func TestLinkRoundTrip(t *testing.T) {
	for _, p := range bind.Presets() {
		link := links.Path("/bind", p.Scenario, "", 2, true)
		path, frag, _ := strings.Cut(link, "#")
		if path != "/bind?step=2&readonly=1" {
			t.Errorf("%s: link %q lost readonly", p.Name, path)
		}
		s, _, problems := links.Read(url.Values{}, frag)
		if len(problems) > 0 || len(s.Actions) != len(p.Scenario.Actions) || s.OS != p.Scenario.OS {
			t.Errorf("%s: link did not round-trip: %v", p.Name, problems)
		}
		if got := links.Path("/bind", p.Scenario, p.Name, 3, false); got != "/bind?preset="+p.Name+"&step=3" {
			t.Errorf("preset link = %q", got)
		}
	}
}

func TestFormsAndErrors(t *testing.T) {
	base, _ := links.Preset("address-in-use")
	s := base.Scenario

	// What cannot be read is shown at its input, in core/bind's and core/port's words.
	a, err := bind.ListenInput{Process: "web", Addr: "nonsense", Port: "80"}.Action()
	if e := spec.InputErrors("listen", err); !strings.Contains(e["listen-addr"], `"nonsense"`) || len(e) != 1 {
		t.Errorf("bad address: errors %v; want one at listen-addr", e)
	}
	_, err = bind.ListenInput{Process: "web", Addr: "127.0.0.1", Port: "70000"}.Action()
	if e := spec.InputErrors("listen", err); !strings.Contains(e["listen-port"], "70000") {
		t.Errorf("port 70000: errors %v; want one at listen-port", e)
	}
	_, err = bind.ListenInput{Process: "web", Addr: "x", Port: "y"}.Action()
	if e := spec.InputErrors("listen", err); e["listen-addr"] == "" || e["listen-port"] == "" {
		t.Errorf("two bad values: errors %v; want one at each input", e)
	}
	a, _ = bind.ListenInput{Process: "web", Addr: "0.0.0.0", Port: "9000", V6Only: "on"}.Action()
	next, e := spec.Append(s, a, "listen")
	if e != nil || len(next.Actions) != len(s.Actions)+1 || len(s.Actions) != len(base.Scenario.Actions) {
		t.Errorf("valid listen: errors %v, %d actions", e, len(next.Actions))
	}
	a, err = bind.ConnectInput{From: "container:ghost", To: "localhost", Port: "80"}.Action()
	if err != nil {
		t.Fatalf("errors %v", err)
	}
	if _, e := spec.Append(s, a, "connect"); !strings.Contains(e["connect-from"], "ghost") {
		t.Errorf("unknown container: errors %v; want one at connect-from", e)
	}
	_, err = bind.ConnectInput{From: "host", To: "localhost:80", Port: "80"}.Action()
	if e := spec.InputErrors("connect", err); e["connect-to"] == "" {
		t.Errorf("to with a port: errors %v; want one at connect-to", e)
	}
	_, err = bind.PublishInput{Container: "web", HostAddr: "nope", HostPort: "8080", Port: "x"}.Action()
	if e := spec.InputErrors("publish", err); e["publish-hostaddr"] == "" || e["publish-port"] == "" {
		t.Errorf("bad host address and port: errors %v; want one at each input", e)
	}
	a, _ = bind.PublishInput{Container: "nope", HostPort: "8080", Port: "80"}.Action()
	if _, e := spec.Append(s, a, "publish"); !strings.Contains(e["publish-container"], "nope") {
		t.Errorf("unknown container: errors %v; want one at publish-container", e)
	}
	step := buildView(next, len(next.Actions)).Latest
	if step.Verdict != "ok" || !strings.Contains(step.Action, "0.0.0.0:9000") {
		t.Errorf("latest = %+v", step)
	}
}

func TestRenderNatively(t *testing.T) {
	p := New().(*page)
	pr, _ := links.Preset("container-loopback")
	p.Lab.Set(pr.Scenario, pr.Name, spec.Opening(pr.Scenario, pr.Name))
	p.Lab.Lesson = pr.Name
	var b strings.Builder
	app.PrintHTML(&b, p.Render())
	html := b.String()
	for _, want := range []string{`data-field="verdict"`, `data-field="matrix-cell"`, `data-field="socket-row"`, `data-field="attempt-stop"`, `name="listen-addr"`,
		`data-action="first"`, `data-action="prev"`, `data-action="next"`, `data-action="last"`, `viewBox="0 0 16 16"`, ` aria-hidden`,
		`data-field="story-problem"`, `aria-current="step"`, `>reset</strong>`} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered page lacks %s", want)
		}
	}
}

// TestPresetsOpenOnTheSymptom checks what a preset link without a step
// shows: the symptom step, whose verdict fails, with the sockets as they
// are then; and that stepping on reaches the fix.
func TestPresetsOpenOnTheSymptom(t *testing.T) {
	for _, p := range bind.Presets() {
		q := url.Values{"preset": {p.Name}}
		s, preset, _ := links.Read(q, "")
		at := spec.Opening(s, preset)
		if at != p.Story.Symptom {
			t.Errorf("%s: opens on step %d; want the symptom, %d", p.Name, at, p.Story.Symptom)
		}
		v := buildView(s, at)
		if v.Step != at || v.Latest.N != at || v.Latest.Tone == "yes" {
			t.Errorf("%s: the headline at step %d is step %d, %q (%s); want a failure", p.Name, at, v.Latest.N, v.Latest.Verdict, v.Latest.Tone)
		}
		end := buildView(s, len(s.Actions))
		if end.Latest.Tone != "yes" {
			t.Errorf("%s: the last step is %q; want the fix working", p.Name, end.Latest.Verdict)
		}
	}
	// The default preset opens on the 127.0.0.1 failure, not "connected".
	s, preset, _ := links.Read(url.Values{}, "")
	v := buildView(s, spec.Opening(s, preset))
	if v.Latest.Verdict != "reset" || !strings.Contains(v.Latest.Action, "127.0.0.1") {
		t.Errorf("default preset headline = %q %q; want reset for 127.0.0.1", v.Latest.Verdict, v.Latest.Action)
	}
	// address-in-use headlines EADDRINUSE, with api's socket the only one.
	s, preset, _ = links.Read(url.Values{"preset": {"address-in-use"}}, "")
	v = buildView(s, spec.Opening(s, preset))
	if v.Latest.Verdict != "EADDRINUSE" || len(v.Sockets) != 1 || v.Sockets[0].Process != "api" {
		t.Errorf("address-in-use opens on %q with sockets %+v; want EADDRINUSE beside api alone", v.Latest.Verdict, v.Sockets)
	}
	// A scenario that is no preset opens at its end.
	if got := spec.Opening(s, ""); got != len(s.Actions) {
		t.Errorf("Opening(changed scenario) = %d; want the last step, %d", got, len(s.Actions))
	}
}

// TestViewAtStep checks that the sockets, the matrix and the picture are
// those of the step shown.
func TestViewAtStep(t *testing.T) {
	p, _ := links.Preset("container-loopback")
	start := buildView(p.Scenario, 0)
	fixed := buildView(p.Scenario, 7)
	if start.Latest.N != 0 || fixed.Latest.N != 7 || fixed.Latest.Verdict != "connected" {
		t.Errorf("latest at 0: step %d; at 7: step %d %q", start.Latest.N, fixed.Latest.N, fixed.Latest.Verdict)
	}
	if !strings.Contains(start.Picture, "127.0.0.1:80 flask") || strings.Contains(start.Picture, "0.0.0.0:80 flask") {
		t.Errorf("picture at the start does not show flask on 127.0.0.1 alone")
	}
	if !strings.Contains(fixed.Picture, "0.0.0.0:80 flask") {
		t.Errorf("picture at the fix does not show flask on 0.0.0.0")
	}
	if got := buildView(p.Scenario, 99).Step; got != 7 {
		t.Errorf("buildView at step 99: step %d; want 7", got)
	}
}

// TestSymptomAttempts checks what the picture says each preset tries at
// its symptom step: from where, to which address and port, and where it
// stops with the verdict.
func TestSymptomAttempts(t *testing.T) {
	tests := []struct {
		preset, kind, from, to, verdict, stop string
	}{
		{"container-loopback", "connect", "a process on the host", "127.0.0.1:8080", "reset", "docker-proxy resets"},
		{"address-in-use", "bind", "dev-server on the host", "127.0.0.1:8080", "EADDRINUSE", "api already holds tcp 0.0.0.0:8080"},
		{"localhost-ipv6", "connect", "a process on the host", "localhost:5173", "refused", "nothing listens on [::1]:5173 on the host"},
		{"privileged-port", "bind", "web on the host", "0.0.0.0:80", "EACCES", "below 1024"},
		{"ephemeral-port", "connect", "a process on the host", "127.0.0.1:8080", "refused", "nothing listens on 127.0.0.1:8080"},
		{"time-wait", "bind", "new-server on the host", "0.0.0.0:8080", "EADDRINUSE", "TIME_WAIT"},
		{"reuseport", "bind", "intruder on the host", "0.0.0.0:8080", "EADDRINUSE", "worker-1 already holds"},
		{"windows-specific-bind", "bind", "other-user on the host", "127.0.0.1:5150", "EACCES", "service already holds"},
		{"nat-inbound", "connect", "a machine on the internet", "203.0.113.1:25565", "timed out", "the router drops it"},
	}
	for _, tt := range tests {
		p, _ := links.Preset(tt.preset)
		v := buildView(p.Scenario, p.Story.Symptom)
		at := v.Attempt
		if at.Kind != tt.kind || at.From != tt.from || at.To != tt.to || at.Verdict != tt.verdict || !strings.Contains(at.Stop, tt.stop) {
			t.Errorf("%s: %s from %q to %q, %s — %q; want %s from %q to %q, %s — …%q…", tt.preset, at.Kind, at.From, at.To, at.Verdict, at.Stop, tt.kind, tt.from, tt.to, tt.verdict, tt.stop)
		}
		for _, want := range []string{`data-field="attempt-from">` + tt.from, `data-verdict="` + tt.verdict + `"`} {
			if !strings.Contains(v.Picture, want) {
				t.Errorf("%s: the picture lacks %s", tt.preset, want)
			}
		}
		if !strings.HasPrefix(v.Summary, at.title()) || !strings.Contains(v.Summary, tt.verdict) {
			t.Errorf("%s: the summary %q does not start with the attempt", tt.preset, v.Summary)
		}
	}
	// A step that tries nothing says so.
	p, _ := links.Preset("time-wait")
	if v := buildView(p.Scenario, 1); v.Attempt.Kind != "" || !strings.Contains(v.Picture, "tries no connection") {
		t.Errorf("time-wait step 1: attempt %+v", v.Attempt)
	}
}
