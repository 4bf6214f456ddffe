package paste_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/core/paste"
	"github.com/netground/netground/core/scenario"
)

// labSamples are errors about a home router or a cluster, with the lab
// they open and what that lab shows at the failing step; and look-alikes
// that stay in the Bind lab.
var labSamples = []struct {
	text    string
	lab     scenario.Widget
	outcome string // the lab's verdict (NAT: outcome) at the failing step
}{
	// A public address behind a home router, said so: the NAT lab.
	{"I forwarded port 25565 on my router but friends get:\ndial tcp 203.0.113.50:25565: connect: connection timed out", scenario.WidgetNAT, "no-mapping"},
	{"ssh: connect to host 198.51.100.23 port 22: Connection timed out (port forwarding is set up on the router)", scenario.WidgetNAT, "no-mapping"},
	{"Testing from outside my home network:\ncurl: (28) Failed to connect to 192.0.2.77 port 8443 after 75002 ms: Connection timed out", scenario.WidgetNAT, "no-mapping"},
	{"Error: connect ETIMEDOUT 203.0.113.9:3000\nthe server is behind NAT", scenario.WidgetNAT, "no-mapping"},
	{"my public IP is 203.0.113.7, yet\nssh: connect to host 203.0.113.7 port 2222: Operation timed out", scenario.WidgetNAT, "no-mapping"},
	// The shared address space: a carrier-grade NAT.
	{"dial tcp 100.72.1.9:443: connect: no route to host", scenario.WidgetNAT, "no-host"},
	{"ssh: connect to host 100.64.12.34 port 22: No route to host", scenario.WidgetNAT, "no-host"},
	{"Error: connect EHOSTUNREACH 100.100.5.6:8080", scenario.WidgetNAT, "no-host"},
	{"connect: Network is unreachable 100.80.0.2:25565", scenario.WidgetNAT, "no-host"},
	// ClusterIPs.
	{"dial tcp 10.96.0.10:53: i/o timeout", scenario.WidgetK8s, "timed out"},
	{"dial tcp 10.96.140.12:443: i/o timeout (from my laptop, to the ingress Service)\nkubectl get svc shows it", scenario.WidgetK8s, "timed out"},
	{`Get "https://10.101.7.44:8443/healthz": dial tcp 10.101.7.44:8443: connect: connection refused` + "\nkubectl logs deploy/checker", scenario.WidgetK8s, "refused"},
	{"kubectl exec web -- curl http://10.100.12.7:8080\ncurl: (28) Failed to connect to 10.100.12.7 port 8080 after 130001 ms: Connection timed out", scenario.WidgetK8s, "timed out"},
	{"pod api-5c7d can't reach the db Service:\ndial tcp 10.104.33.8:5432: connect: connection refused", scenario.WidgetK8s, "refused"},
	{"dial tcp 10.43.0.10:53: i/o timeout", scenario.WidgetK8s, "timed out"},
	// kubectl without a kubeconfig.
	{"The connection to the server localhost:8080 was refused - did you specify the right host or port?", scenario.WidgetK8s, "refused"},
	{"E1202 00:12:01.123456   4242 memcache.go:265] couldn't get current server API group list: Get \"http://localhost:8080/api?timeout=32s\": dial tcp 127.0.0.1:8080: connect: connection refused\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?", scenario.WidgetK8s, "refused"},
	// Pod addresses.
	{"failed to reach pod web-7d4b9c-x2v: dial tcp 10.244.1.17:8080: connect: no route to host", scenario.WidgetK8s, "no route"},
	{"kubectl get pods -o wide shows 10.244.2.5, but from my laptop\ndial tcp 10.244.2.5:80: i/o timeout", scenario.WidgetK8s, "timed out"},
	{"k3s pod at 10.42.0.9:\ncurl: (7) Failed to connect to 10.42.0.9 port 3000 after 3071 ms: No route to host", scenario.WidgetK8s, "no route"},
	// The kubernetes Service's ClusterIP, the API server's.
	{`[ERROR] plugin/errors: 2 kubernetes.default. A: dial tcp 10.96.0.1:443: i/o timeout`, scenario.WidgetK8s, "timed out"},
	{`E1202 09:14:03.512 1 reflector.go:147] failed to list *v1.Service: Get "https://10.96.0.1:443/api/v1/services?limit=500": dial tcp 10.96.0.1:443: i/o timeout`, scenario.WidgetK8s, "timed out"},
	{"dial tcp 10.43.0.1:443: i/o timeout", scenario.WidgetK8s, "timed out"},
	// Look-alikes: the Bind lab. The API server's Service always has its
	// endpoint, and it listens on 443 only.
	{"dial tcp 10.96.0.1:443: connect: connection refused", scenario.WidgetBind, "refused"},
	{"dial tcp 10.96.0.1:8080: i/o timeout", scenario.WidgetBind, "timed out"},
	{"dial tcp 10.100.12.7:5432: i/o timeout", scenario.WidgetBind, "timed out"},
	{"dial tcp 10.244.1.17:8080: connect: no route to host", scenario.WidgetBind, "no route"},
	{"dial tcp 203.0.113.7:22: connect: connection timed out", scenario.WidgetBind, "timed out"},
	{"tailscale: ssh: connect to host 100.101.102.103 port 22: No route to host", scenario.WidgetBind, "no route"},
	{"dial tcp 100.72.1.9:443: connect: connection refused", scenario.WidgetBind, "refused"},
	{"I forwarded the port on my router:\ndial tcp 203.0.113.50:25565: connect: connection refused", scenario.WidgetBind, "refused"},
	{"router at 192.168.1.1:\ndial tcp 192.168.1.1:80: connect: connection timed out", scenario.WidgetBind, "timed out"},
	{"kubectl port-forward svc/web 8080:80\ndial tcp 203.0.113.50:8080: i/o timeout", scenario.WidgetBind, "timed out"},
	{"at Object.<anonymous> (/app/node_modules/react-router-dom/dist/index.js:12:3)\nError: connect ETIMEDOUT 104.18.2.9:443", scenario.WidgetBind, "timed out"},
	{"The connection to the server 192.168.49.2:8443 was refused - did you specify the right host or port?", scenario.WidgetBind, "refused"},
}

func TestDiagnoseOtherLabs(t *testing.T) {
	for _, tt := range labSamples {
		d, ok := paste.Diagnose(tt.text)
		if !ok {
			t.Errorf("Diagnose(%q) = false; want an error", tt.text)
			continue
		}
		if d.Lab != tt.lab || d.LabOutcome != tt.outcome {
			t.Errorf("Diagnose(%q) opens %v at %q; want %v at %q (%s)", tt.text, d.Lab, d.LabOutcome, tt.lab, tt.outcome, d.LabNote)
			continue
		}
		if r := paste.Classify(tt.text); r.Kind != paste.KindError || r.Page != tt.lab || r.Link != d.Link {
			t.Errorf("Classify(%q) = %v %v %q; want error %v %q", tt.text, r.Kind, r.Page, r.Link, tt.lab, d.Link)
		}
		replayLab(t, tt.text, d)
	}
}

// replayLab opens the diagnosis' link as its lab does, replays it, and
// checks that the failing step shows LabOutcome, and, for the Kubernetes
// lab, that it is the error's verdict.
func replayLab(t *testing.T, text string, d paste.Diagnosis) {
	t.Helper()
	if d.Lab == scenario.WidgetBind {
		checkLab(t, text, d, d.LabOutcome)
		return
	}
	prefix := "/" + string(d.Lab) + "?step=" + strconv.Itoa(d.Step+1) + "#"
	frag, ok := strings.CutPrefix(d.Link, prefix)
	if !ok {
		t.Errorf("Diagnose(%q).Link = %q; want %s…, the failing step", text, d.Link, prefix)
		return
	}
	doc, err := scenario.DecodeFragment(frag)
	if err != nil || doc.Widget != d.Lab {
		t.Errorf("Diagnose(%q): link does not decode to the %v lab: %v %v", text, d.Lab, doc.Widget, err)
		return
	}
	if d.Scenario.Actions != nil || d.LabVerdict != bind.Done {
		t.Errorf("Diagnose(%q) opens the %v lab but keeps a Bind scenario", text, d.Lab)
	}
	switch d.Lab {
	case scenario.WidgetNAT:
		s, err := nat.DecodeScenario(doc.State)
		if err != nil {
			t.Errorf("Diagnose(%q): NAT scenario: %v", text, err)
			return
		}
		rs, err := nat.Run(s)
		if err != nil || d.Step >= len(rs) {
			t.Errorf("Diagnose(%q): NAT Run: %v, %d steps; want step %d", text, err, len(rs), d.Step)
			return
		}
		out := rs[d.Step].Trace.Outcome()
		if out.String() != d.LabOutcome || !out.IsDrop() {
			t.Errorf("Diagnose(%q): NAT step %d ends in %v; want the drop %s", text, d.Step, out, d.LabOutcome)
		}
		if last := rs[len(rs)-1].Trace.Outcome(); last.IsDrop() && d.NAT.Steps[len(rs)-1].Kind != nat.StepSend {
			t.Errorf("Diagnose(%q): the NAT lab ends in %v", text, last)
		}
	case scenario.WidgetK8s:
		s, err := k8s.DecodeScenario(doc.State)
		if err != nil {
			t.Errorf("Diagnose(%q): k8s scenario: %v", text, err)
			return
		}
		tr, err := k8s.Run(s)
		if err != nil || d.Step >= len(tr.Steps) {
			t.Errorf("Diagnose(%q): k8s Run: %v; want step %d", text, err, d.Step)
			return
		}
		r := tr.Steps[d.Step].Result
		if r.Verdict.String() != d.LabOutcome || d.LabOutcome != d.Verdict {
			t.Errorf("Diagnose(%q): k8s step %d is %v; want %s (the error's %s)\n%s", text, d.Step, r.Verdict, d.LabOutcome, d.Verdict, strings.Join(r.Reasons, "\n"))
		}
		// The story goes on to a step that works.
		if last := tr.Steps[len(tr.Steps)-1].Result; last.Verdict != k8s.Connected {
			t.Errorf("Diagnose(%q): the k8s lab's last step is %v; want connected\n%s", text, last.Verdict, strings.Join(last.Reasons, "\n"))
		}
	default:
		t.Errorf("Diagnose(%q).Lab = %v", text, d.Lab)
	}
	if d.LabNote == "" {
		t.Errorf("Diagnose(%q) opens the %v lab without saying how it relates to the error", text, d.Lab)
	}
}
