package k8slab

import (
	"net/url"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/scenario"
)

func TestEveryPresetBuilds(t *testing.T) {
	for _, p := range k8s.Presets() {
		v := buildView(p.Scenario, len(p.Scenario.Actions))
		if v.Err != "" {
			t.Errorf("%s: %s", p.Name, v.Err)
			continue
		}
		if len(v.Steps) != len(p.Scenario.Actions) || v.Latest.Verdict == "" {
			t.Errorf("%s: %d steps, latest %q", p.Name, len(v.Steps), v.Latest.Verdict)
		}
		if !strings.HasPrefix(v.Picture, "<svg") || !strings.HasSuffix(v.Picture, "</svg>") {
			t.Errorf("%s: picture is not one SVG element", p.Name)
		}
		if len(v.Findings) == 0 {
			t.Errorf("%s: no findings", p.Name)
		}
	}
}

func TestPresetVerdicts(t *testing.T) {
	tests := []struct {
		preset string
		step   int
		want   string
		reason string
	}{
		{"saved-pod-ip", 1, "connected", ""},
		{"saved-pod-ip", 3, "no route", "10.244.1.2"},
		{"saved-pod-ip", 4, "connected", "ClusterIP"},
		{"nodeport", 1, "timed out", "ClusterIP"},
		{"nodeport", 4, "refused", "30081"},
		{"nodeport", 5, "connected", "NodePort"},
		{"cidr-exhausted", 1, "pending", "stays Pending"},
		{"cidr-overlap", 1, "no route", "office VPN"},
		{"cidr-overlap", 2, "timed out", "AWS VPC"},
		{"service-name", 9, "refused", "no ready endpoints"},
	}
	for _, tt := range tests {
		p, _ := links.Preset(tt.preset)
		s := buildView(p.Scenario, 0).Steps[tt.step-1]
		if s.Verdict != tt.want || !strings.Contains(strings.Join(s.Reasons, " "), tt.reason) {
			t.Errorf("%s step %d: %q %q; want %q mentioning %q", tt.preset, tt.step, s.Verdict, s.Reasons, tt.want, tt.reason)
		}
	}
}

func TestViewRows(t *testing.T) {
	p, _ := links.Preset("saved-pod-ip")
	v := buildView(p.Scenario, len(p.Scenario.Actions))
	if len(v.Services) != 1 || v.Services[0].DNS != "web.default.svc.cluster.local" || v.Services[0].ClusterIP != "10.96.0.2" {
		t.Errorf("services = %+v", v.Services)
	}
	if len(v.Services[0].Endpoints) != 1 || !strings.HasPrefix(v.Services[0].Endpoints[0], "10.244.0.3:8080") {
		t.Errorf("endpoints after the restart = %q", v.Services[0].Endpoints)
	}
	for _, pod := range v.Pods {
		if pod.Name == "web-1" {
			t.Errorf("the restarted pod web-1 is still listed")
		}
	}
	ex, _ := links.Preset("cidr-exhausted")
	v = buildView(ex.Scenario, 0)
	found := false
	for _, f := range v.Findings {
		found = found || (f.Severity == "error" && strings.Contains(f.Message, "node-e"))
	}
	if !found || v.Nodes[4].PodCIDR != "none: the cluster CIDR ran out" {
		t.Errorf("exhausted cluster: findings %v, node-e %+v", v.Findings, v.Nodes[4])
	}
}

func TestCountsInWords(t *testing.T) {
	p, _ := links.Preset("saved-pod-ip")
	v := buildView(p.Scenario, len(p.Scenario.Actions))
	for _, want := range []string{"in front of 1 endpoint.", "runs 2 pods.", "runs 0 pods."} {
		if !strings.Contains(v.Summary, want) {
			t.Errorf("saved-pod-ip summary %q; want %q", v.Summary, want)
		}
	}
	for _, old := range []string{"1 endpoints", "runs 1 pods"} {
		if strings.Contains(v.Summary, old) {
			t.Errorf("saved-pod-ip summary %q says %q", v.Summary, old)
		}
	}
	var labels []string
	for _, o := range v.Deployments {
		labels = append(labels, o.Label)
	}
	if got := strings.Join(labels, ", "); !strings.Contains(got, "(1 replica)") || strings.Contains(got, "1 replicas") {
		t.Errorf("saved-pod-ip deployments %q; want web (1 replica)", got)
	}
}

func TestReadScenario(t *testing.T) {
	valid, _ := links.Preset("service-name")
	_, goodFrag, _ := strings.Cut(links.Path("/k8s", valid.Scenario, "", 0, false), "#")
	broken := k8s.Scenario{V: k8s.Version} // no nodes
	state, _ := broken.Encode()
	badFrag, err := scenario.Fragment(scenario.Document{Widget: scenario.WidgetK8s, State: state})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query, fragment, preset, problem string
	}{
		{"", "", defaultPreset, ""},
		{"preset=nodeport", "", "nodeport", ""},
		{"preset=nope", "", defaultPreset, "preset=nope"},
		{"", goodFrag, "", ""},
		{"", badFrag, defaultPreset, "nodes"},
		{"", "s=1.!!", defaultPreset, ""},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		_, preset, problems := links.Read(q, tt.fragment)
		got := ""
		for _, p := range problems {
			got += p.String()
		}
		if preset != tt.preset || (tt.problem == "") != (got == "") || !strings.Contains(got, tt.problem) {
			t.Errorf("links.Read(%q, %q) = %q, %q; want %q and a problem mentioning %q", tt.query, tt.fragment, preset, got, tt.preset, tt.problem)
		}
	}
}

func TestFormsAndErrors(t *testing.T) {
	p, _ := links.Preset("saved-pod-ip")
	s := p.Scenario
	a, _ := k8s.ConnectInput{From: "deploy:client", To: "web"}.Action()
	if _, e := spec.Append(s, a, "connect"); !strings.Contains(e["connect-to"], "HOST:PORT") {
		t.Errorf("missing port: errors %v; want one at connect-to", e)
	}
	a, _ = k8s.ConnectInput{From: "deploy:ghost", To: "web:80"}.Action()
	if _, e := spec.Append(s, a, "connect"); !strings.Contains(e["connect-from"], "ghost") {
		t.Errorf("unknown deployment: errors %v; want one at connect-from", e)
	}
	if _, err := (k8s.ScaleInput{Deployment: "web", Replicas: "many"}).Action(); !strings.Contains(spec.InputErrors("scale", err)["scale-replicas"], `"many"`) {
		t.Errorf("replicas not a number: errors %v", spec.InputErrors("scale", err))
	}
	a, _ = k8s.ScaleInput{Deployment: "web", Replicas: "2000"}.Action()
	if _, e := spec.Append(s, a, "scale"); !strings.Contains(e["scale-replicas"], "2000") {
		t.Errorf("too many replicas: errors %v; want one at scale-replicas", e)
	}
	next, e := spec.Append(s, k8s.Action{Do: k8s.RestartPod, Pod: "web-2"}, "pods")
	if e != nil || len(next.Actions) != len(s.Actions)+1 {
		t.Fatalf("restart: %v", e)
	}
	v := buildView(next, len(next.Actions))
	if v.Latest.Verdict != "done" || v.Pods[len(v.Pods)-1].IP == "10.244.0.3" {
		t.Errorf("after restarting web-2: latest %+v, pods %+v", v.Latest, v.Pods)
	}
}

func TestRenderNatively(t *testing.T) {
	p := New().(*page)
	pr, _ := links.Preset("nodeport")
	p.Lab.Set(pr.Scenario, pr.Name, spec.Opening(pr.Scenario, pr.Name))
	var b strings.Builder
	app.PrintHTML(&b, p.Render())
	html := b.String()
	for _, want := range []string{`data-field="verdict"`, `data-field="pod-row"`, `data-field="service-row"`, `data-field="endpoint"`, `data-field="finding"`, `data-field="dns-name"`, `<svg`,
		`data-action="first"`, `data-action="next"`, `viewBox="0 0 16 16"`, `data-field="story-fix"`, `>timed out</strong>`} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered page lacks %s", want)
		}
	}
}

// TestPresetsOpenOnTheSymptom checks what a preset link without a step
// shows: the symptom step, whose verdict fails, with the cluster as it is
// then.
func TestPresetsOpenOnTheSymptom(t *testing.T) {
	for _, p := range k8s.Presets() {
		s, preset, _ := links.Read(url.Values{"preset": {p.Name}}, "")
		at := spec.Opening(s, preset)
		if at != p.Story.Symptom {
			t.Errorf("%s: opens on step %d; want the symptom, %d", p.Name, at, p.Story.Symptom)
		}
		v := buildView(s, at)
		if v.Step != at || v.Latest.N != at || v.Latest.Tone == "yes" {
			t.Errorf("%s: the headline at step %d is step %d, %q; want a failure", p.Name, at, v.Latest.N, v.Latest.Verdict)
		}
	}
	// The default preset opens on the saved pod address failing, with the
	// replacement pod running and web-1 gone.
	s, preset, _ := links.Read(url.Values{}, "")
	v := buildView(s, spec.Opening(s, preset))
	if v.Latest.Verdict != "no route" || v.Step != 3 {
		t.Errorf("default preset opens on step %d, %q; want step 3, no route", v.Step, v.Latest.Verdict)
	}
	for _, pod := range v.Pods {
		if pod.Name == "web-1" {
			t.Errorf("at step 3 the restarted pod web-1 is still listed")
		}
	}
	if start := buildView(s, 0); len(start.Pods) != 2 || start.Pods[1].Name != "web-1" {
		t.Errorf("at step 0 pods = %+v; want client-1 and web-1", start.Pods)
	}
}

func TestNetworkForm(t *testing.T) {
	base := k8s.Presets()[0].Scenario
	s, er := networkForm{Name: "office VPN", Prefix: "10.244.4.0/22"}.add(base)
	if er != nil || len(s.Networks) != 1 {
		t.Fatalf("add(office VPN) = %v, %v", s.Networks, er)
	}
	v := buildView(s, 0)
	if len(v.Networks) != 1 || v.Networks[0] != (networkRow{"office VPN", "10.244.4.0/22"}) {
		t.Errorf("view networks = %v", v.Networks)
	}
	found := false
	for _, f := range v.Findings {
		found = found || f.Severity == "error" && strings.Contains(f.Message, `network "office VPN" 10.244.4.0/22`)
	}
	if !found {
		t.Errorf("findings %v do not report the overlap with the VPN", v.Findings)
	}
	// The network goes with the link, and the preset's link is unchanged.
	doc, err := links.Document(s)
	if err != nil {
		t.Fatal(err)
	}
	f, err := scenario.Fragment(doc)
	if err != nil {
		t.Fatal(err)
	}
	back, _, problems := links.Read(url.Values{}, f)
	if len(problems) != 0 || len(back.Networks) != 1 || back.Networks[0] != s.Networks[0] {
		t.Errorf("link round trip: %v, %v", back.Networks, problems)
	}
	for _, tt := range []struct{ name, prefix, input string }{
		{"vpn", "10.8.0.0/99", "add-network-prefix"},
		{"vpn", "", "add-network-prefix"},
		{strings.Repeat("x", 70), "10.8.0.0/16", "add-network-name"},
	} {
		if _, er := (networkForm{Name: tt.name, Prefix: tt.prefix}).add(base); er[tt.input] == "" {
			t.Errorf("add(%q, %q) = %v; want an error at %s", tt.name, tt.prefix, er, tt.input)
		}
	}
}
