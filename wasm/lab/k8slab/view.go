package k8slab

import (
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/wasm/ui"

	"github.com/netground/netground/core/field"
)

// view is everything the page shows for one scenario, computed before
// Render.
type view struct {
	Err         string
	Step        int  // the step shown: 0 the start, N after N actions
	Latest      step // the outcome of the step shown
	Steps       []step
	Setup       step
	Pods        []podRow
	Nodes       []nodeRow
	Services    []serviceRow
	Findings    []finding
	Networks    []networkRow // the other networks Check compares
	Froms       []option     // for the connect form
	Targets     []option     // suggestions for the connect form's To
	Deployments []option     // for the scale form
	Picture     string
	Summary     string
	ClusterCIDR string
	ServiceCIDR string
}

// option is one choice of a select box.
type option = ui.LabOption

// step is one action with its outcome.
type step = ui.LabStep

type podRow struct {
	Name, Deployment, Node, IP, Ready string
	IsReady, Running                  bool
}

type nodeRow struct {
	Name, Addr, PodCIDR, Pods string
}

type serviceRow struct {
	Name, DNS, ClusterIP, Port, NodePort string
	Endpoints                            []string
}

type finding struct {
	Severity, Message string
}

type networkRow struct {
	Name, Prefix string
}

func tone(v k8s.Verdict) string {
	switch v {
	case k8s.Done, k8s.Connected:
		return "yes"
	case k8s.TimedOut:
		return "depends"
	}
	return "no"
}

// describeAction says what an action does, in one line.
func describeAction(a k8s.Action) string {
	switch a.Do {
	case k8s.DeletePod:
		return "delete pod " + a.Pod
	case k8s.RestartPod:
		return "restart pod " + a.Pod
	case k8s.Scale:
		return fmt.Sprintf("scale deployment %s to %d", a.Deployment, a.Replicas)
	case k8s.Unready:
		return "pod " + a.Pod + " fails its readiness probe"
	case k8s.Ready:
		return "pod " + a.Pod + " is ready again"
	case k8s.Connect:
		return "connect from " + fromLabel(a.From) + " to " + a.To
	}
	return a.Do.String()
}

func fromLabel(from string) string {
	kind, name, _ := strings.Cut(from, ":")
	switch kind {
	case "deploy":
		return "a pod of deployment " + name
	case "pod":
		return "pod " + name
	case "node":
		return "node " + name
	case "outside":
		return "a machine outside the cluster"
	}
	return from
}

func makeStep(n int, action string, r k8s.Result) step {
	return step{N: n, Action: action, Verdict: r.Verdict.String(), Tone: tone(r.Verdict), Reasons: r.Reasons}
}

// buildView runs the scenario and lays out what the page shows at step
// (clamped to the scenario): that step's outcome, and the pods, Services,
// nodes and picture as they are after it.
func buildView(s k8s.Scenario, step int) view {
	tr, err := k8s.Run(s)
	if err != nil {
		return view{Err: err.Error()}
	}
	step = max(0, min(step, len(tr.Steps)))
	v := view{Step: step}
	v.Setup = makeStep(0, "start the deployments", tr.Setup)
	v.Latest = v.Setup
	for i, stp := range tr.Steps {
		v.Steps = append(v.Steps, makeStep(i+1, describeAction(stp.Action), stp.Result))
	}
	st := tr.StateAt(step)
	if step > 0 {
		v.Latest = v.Steps[step-1]
	}
	ports := map[string]int{}
	for _, d := range s.Deployments {
		ports[d.Name] = d.Port
		v.Froms = append(v.Froms, option{"deploy:" + d.Name, "a pod of deployment " + d.Name})
	}
	for i, d := range s.Deployments {
		n := 0
		if r := st.Replicas(); i < len(r) {
			n = r[i]
		}
		v.Deployments = append(v.Deployments, option{d.Name, fmt.Sprintf("%s (%s)", d.Name, field.Count(n, "replica", "replicas"))})
	}
	var podTargets []option
	for _, p := range st.Pods() {
		row := podRow{Name: p.Name, Deployment: p.Deployment, Node: p.Node, IsReady: p.Ready, Running: p.Node != ""}
		switch {
		case !row.Running:
			row.Node, row.IP, row.Ready = "(pending)", "none", "pending"
		case p.Ready:
			row.IP, row.Ready = p.IP.String(), "ready"
		default:
			row.IP, row.Ready = p.IP.String(), "not ready"
		}
		v.Pods = append(v.Pods, row)
		if row.Running {
			v.Froms = append(v.Froms, option{"pod:" + p.Name, "pod " + p.Name})
			if port := ports[p.Deployment]; port != 0 {
				podTargets = append(podTargets, option{p.IP.String() + ":" + strconv.Itoa(port), "pod " + p.Name + "'s address"})
			}
		}
	}
	nodes := st.Nodes()
	for _, n := range nodes {
		cidr := "none: the cluster CIDR ran out"
		if n.PodCIDR.IsValid() {
			cidr = n.PodCIDR.String()
		}
		v.Nodes = append(v.Nodes, nodeRow{Name: n.Name, Addr: n.Addr.String(), PodCIDR: cidr, Pods: fmt.Sprintf("%d of %d", n.Pods, n.Capacity)})
		v.Froms = append(v.Froms, option{"node:" + n.Name, "node " + n.Name})
	}
	v.Froms = append(v.Froms, option{"outside", "a machine on the LAN, outside the cluster"})
	for _, svc := range st.Services() {
		row := serviceRow{Name: svc.Name + "." + svc.Namespace, DNS: svc.DNS, ClusterIP: svc.ClusterIP.String(), Port: strconv.Itoa(svc.Port)}
		port := ":" + strconv.Itoa(svc.Port)
		v.Targets = append(v.Targets,
			option{svc.Name + port, "Service " + svc.Name + " by its short name"},
			option{svc.DNS + port, "Service " + svc.Name + " by its full name"},
			option{svc.ClusterIP.String() + port, "Service " + svc.Name + "'s ClusterIP"})
		if svc.NodePort != 0 {
			row.NodePort = strconv.Itoa(svc.NodePort)
			for _, n := range nodes {
				v.Targets = append(v.Targets, option{n.Addr.String() + ":" + row.NodePort, "NodePort of " + svc.Name + " on " + n.Name})
			}
		}
		for i, ep := range svc.Endpoints {
			row.Endpoints = append(row.Endpoints, ep.String()+" ("+svc.Pods[i]+")")
		}
		v.Services = append(v.Services, row)
	}
	v.Targets = append(v.Targets, podTargets...)
	for _, f := range k8s.Check(s) {
		v.Findings = append(v.Findings, finding{Severity: f.Severity, Message: f.Message})
	}
	for _, n := range s.Networks {
		v.Networks = append(v.Networks, networkRow{Name: n.Name, Prefix: n.Prefix.String()})
	}
	v.ClusterCIDR, v.ServiceCIDR = k8s.DefaultClusterCIDR.String(), k8s.DefaultServiceCIDR.String()
	if s.ClusterCIDR.IsValid() {
		v.ClusterCIDR = s.ClusterCIDR.String()
	}
	if s.ServiceCIDR.IsValid() {
		v.ServiceCIDR = s.ServiceCIDR.String()
	}
	v.Picture, v.Summary = picture(v, st)
	return v
}

// Picture layout, in SVG units.
const (
	picWidth  = 760
	boxWidth  = 236
	boxGap    = 10
	chipH     = 22
	maxChips  = 12
	svcHeight = 64
)

func esc(s string) string { return html.EscapeString(s) }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// picture draws the cluster: Services on top pointing at their endpoints,
// nodes with their pod CIDRs and pods below.
func picture(v view, st k8s.State) (string, string) {
	var b strings.Builder
	var words []string
	words = append(words, fmt.Sprintf("The cluster's pods get addresses from %s, its Services from %s.", v.ClusterCIDR, v.ServiceCIDR))
	y := 40
	type pos struct{ x, y int }
	svcPos := make([]pos, len(v.Services))
	for i, s := range v.Services {
		x := 20 + (i%3)*(boxWidth+boxGap)
		yy := y + (i/3)*(svcHeight+boxGap)
		svcPos[i] = pos{x + boxWidth/2, yy + svcHeight}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="6" class="k8slab-service"/>`, x, yy, boxWidth, svcHeight)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="k8slab-label">%s</text>`, x+8, yy+18, esc(clip("Service "+s.Name, 32)))
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="k8slab-small">%s</text>`, x+8, yy+36, esc(clip("ClusterIP "+s.ClusterIP+":"+s.Port, 36)))
		np := s.DNS
		if s.NodePort != "" {
			np = "NodePort " + s.NodePort + " on every node"
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="k8slab-small">%s</text>`, x+8, yy+54, esc(clip(np, 36)))
		words = append(words, fmt.Sprintf("Service %s has the stable ClusterIP %s and the name %s, in front of %s.", s.Name, s.ClusterIP, s.DNS, field.Count(len(s.Endpoints), "endpoint", "endpoints")))
	}
	if len(v.Services) > 0 {
		y += ((len(v.Services)+2)/3)*(svcHeight+boxGap) + 30
	}
	pods := st.Pods()
	podAt := map[string]pos{}
	nodeTop := y
	rowH := 0
	for i, n := range v.Nodes {
		if i%3 == 0 && i > 0 {
			nodeTop += rowH + boxGap
			rowH = 0
		}
		x := 20 + (i%3)*(boxWidth+boxGap)
		var mine []k8s.Pod
		for _, p := range pods {
			if p.Node == n.Name {
				mine = append(mine, p)
			}
		}
		shown := min(len(mine), maxChips)
		h := 52 + max(shown, 1)*chipH
		if len(mine) > shown {
			h += chipH
		}
		rowH = max(rowH, h)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="6" class="k8slab-node"/>`, x, nodeTop, boxWidth, h)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="k8slab-label">%s</text>`, x+8, nodeTop+18, esc(clip(n.Name+" "+n.Addr, 32)))
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="k8slab-small">%s</text>`, x+8, nodeTop+36, esc(clip("pod CIDR "+n.PodCIDR, 36)))
		for j, p := range mine[:shown] {
			cy := nodeTop + 44 + j*chipH
			class := "k8slab-pod"
			label := p.Name + " " + p.IP.String()
			if !p.Ready {
				class += " k8slab-pod-unready"
				label += " (not ready)"
			}
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="4" class="%s"/>`, x+6, cy, boxWidth-12, chipH-4, class)
			fmt.Fprintf(&b, `<text x="%d" y="%d" class="k8slab-chip-text">%s</text>`, x+12, cy+13, esc(clip(label, 32)))
			podAt[p.Name] = pos{x + boxWidth/2, cy}
		}
		if len(mine) > shown {
			fmt.Fprintf(&b, `<text x="%d" y="%d" class="k8slab-small">%s</text>`, x+12, nodeTop+44+shown*chipH+13, esc("and "+field.Count(len(mine)-shown, "more pod", "more pods")))
		}
		words = append(words, fmt.Sprintf("Node %s (%s) has the pod CIDR %s and runs %s.", n.Name, n.Addr, n.PodCIDR, field.Count(len(mine), "pod", "pods")))
	}
	y = nodeTop + rowH + 20
	// Arrows from each Service to its endpoints.
	var lines strings.Builder
	for i, s := range v.Services {
		for _, ep := range s.Endpoints {
			name := ep[strings.LastIndexByte(ep, '(')+1 : len(ep)-1]
			if p, ok := podAt[name]; ok {
				fmt.Fprintf(&lines, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="k8slab-arrow"/>`, svcPos[i].x, svcPos[i].y, p.x, p.y)
			}
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" class="k8slab-svg" viewBox="0 0 %d %d" role="img" aria-labelledby="k8slab-picture-title">`, picWidth, y)
	out.WriteString(`<title id="k8slab-picture-title">The cluster: Services, nodes with their pod CIDRs, and pods</title>`)
	fmt.Fprintf(&out, `<rect x="10" y="10" width="%d" height="%d" rx="8" class="k8slab-cluster"/>`, picWidth-20, y-14)
	fmt.Fprintf(&out, `<text x="20" y="30" class="k8slab-label">%s</text>`, esc("Cluster — pods "+v.ClusterCIDR+", Services "+v.ServiceCIDR))
	out.WriteString(lines.String())
	out.WriteString(b.String())
	out.WriteString(`</svg>`)
	return out.String(), strings.Join(words, " ")
}

// networkForm is the network form, as typed. The connect and scale forms
// are core/k8s's ConnectInput and ScaleInput.
type networkForm struct{ Name, Prefix string }

// errs maps an input's name to what is wrong with its value.
type errs map[string]string

// add returns s with the form's network added, or the error at the input
// that caused it.
func (f networkForm) add(s k8s.Scenario) (k8s.Scenario, errs) {
	next, err := s.AddNetwork(f.Name, f.Prefix)
	if err == nil {
		return next, nil
	}
	var fe *field.Error
	if errors.As(err, &fe) && strings.HasSuffix(fe.Field, ".name") {
		return s, errs{"add-network-name": fe.Reason}
	}
	if errors.As(err, &fe) && strings.HasSuffix(fe.Field, ".prefix") {
		return s, errs{"add-network-prefix": fe.Reason}
	}
	return s, errs{"network": err.Error()}
}
