package natlab

import (
	"maps"
	"net/netip"
	"slices"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/nat"
)

// Names of the action inputs. Each action's FieldError fields (from
// nat.Sim.Apply, "step.…") map to one of them.
var actionFields = map[string]map[string]string{
	"send":    {"step.from": "send-from", "step.proto": "send-proto", "step.srcPort": "send-port", "step.to": "send-to"},
	"in":      {"step.from": "in-from", "step.proto": "in-proto", "step.srcPort": "in-port", "step.to": "in-to"},
	"reply":   {"step.from": "reply-from"},
	"advance": {"step.by": "advance-by"},
	"fwd":     {"step.nat": "fwd-nat", "step.forward.proto": "fwd-proto", "step.forward.port": "fwd-port", "step.forward.to": "fwd-to", "step.forward.addr": "fwd-port"},
}

// lanDevices and internetDevices list device names by where they sit.
func lanDevices(sc nat.Scenario) []string {
	var out []string
	for _, d := range sc.Devices {
		if d.Behind != "" {
			out = append(out, d.Name)
		}
	}
	return out
}

func internetDevices(sc nat.Scenario) []string {
	var out []string
	for _, d := range sc.Devices {
		if d.Behind == "" {
			out = append(out, d.Name)
		}
	}
	return out
}

func deviceNames(sc nat.Scenario) []string {
	var out []string
	for _, d := range sc.Devices {
		out = append(out, d.Name)
	}
	return out
}

// publicAddrs lists the WAN addresses of the NATs that sit on the internet.
func publicAddrs(sc nat.Scenario) []netip.Addr {
	var out []netip.Addr
	for _, n := range sc.NATs {
		if n.Behind == "" {
			out = append(out, n.WAN...)
		}
	}
	return out
}

// defaultForm returns sensible values for the action inputs of sc.
func defaultForm(sc nat.Scenario) map[string]string {
	f := map[string]string{
		"send-proto": "tcp", "send-port": "50000", "in-proto": "tcp", "in-port": "40000",
		"advance-by": "5m", "fwd-proto": "tcp", "fwd-port": "443",
	}
	if l := lanDevices(sc); len(l) > 0 {
		f["send-from"] = l[0]
	} else if names := deviceNames(sc); len(names) > 0 {
		f["send-from"] = names[0]
	}
	if inet := internetDevices(sc); len(inet) > 0 {
		f["in-from"] = inet[0]
		for _, d := range sc.Devices {
			if d.Name == inet[0] {
				f["send-to"] = netip.AddrPortFrom(d.Addr, 443).String()
			}
		}
	}
	if names := deviceNames(sc); len(names) > 0 {
		f["reply-from"] = names[len(names)-1]
		for _, d := range sc.Devices {
			if d.Behind == "" {
				f["reply-from"] = d.Name
				break
			}
		}
	}
	if pub := publicAddrs(sc); len(pub) > 0 {
		f["in-to"] = netip.AddrPortFrom(pub[0], 22).String()
	}
	if len(sc.NATs) > 0 {
		n := sc.NATs[len(sc.NATs)-1]
		f["fwd-nat"] = n.Name
		f["fwd-to"] = netip.AddrPortFrom(n.LAN.Addr().Next(), 443).String()
		for _, d := range sc.Devices {
			if d.Behind == n.Name {
				f["fwd-to"] = netip.AddrPortFrom(d.Addr, 443).String()
				break
			}
		}
	}
	return f
}

// fillForm sets the action inputs that are unset or name a device or NAT
// that no longer exists.
func (p *page) fillForm() {
	if p.form == nil {
		p.form = map[string]string{}
	}
	def := defaultForm(p.lab.sc)
	names := deviceNames(p.lab.sc)
	for k, v := range def {
		cur, ok := p.form[k]
		switch {
		case !ok:
			p.form[k] = v
		case (k == "send-from" || k == "in-from" || k == "reply-from") && !slices.Contains(names, cur):
			p.form[k] = v
		case k == "fwd-nat" && !slices.ContainsFunc(p.lab.sc.NATs, func(n nat.NAT) bool { return n.Name == cur }):
			p.form[k] = v
		}
	}
}

// buildStep turns an action form into a step (core/nat reads it, see
// nat.StepInput), or returns messages by input name for what it cannot read.
func buildStep(action string, f map[string]string) (nat.Step, map[string]string) {
	var in nat.StepInput
	switch action {
	case "send", "in":
		in = nat.StepInput{Kind: nat.StepSend, From: f[action+"-from"], Proto: f[action+"-proto"], SrcPort: f[action+"-port"], To: f[action+"-to"]}
	case "reply":
		in = nat.StepInput{Kind: nat.StepReply, From: f["reply-from"]}
	case "advance":
		in = nat.StepInput{Kind: nat.StepAdvance, By: f["advance-by"]}
	case "fwd":
		in = nat.StepInput{Kind: nat.StepForward, NAT: f["fwd-nat"], Proto: f["fwd-proto"], Port: f["fwd-port"], To: f["fwd-to"]}
	}
	st, err := in.Step()
	return st, actionErrors(action, err)
}

// actionErrors places the problems of err at the inputs of action the
// fields name (actionFields), and the rest at the action's form.
func actionErrors(action string, err error) map[string]string {
	errs := map[string]string{}
	for _, fe := range field.All(err) {
		target, ok := actionFields[action][fe.Field]
		if !ok {
			target = action
		}
		errs[target] = fe.Reason
	}
	return errs
}

func (p *page) onFormInput(name string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.form[name] = ctx.JSSrc().Get("value").String()
		delete(p.errs, name)
	}
}

// onAction appends the step an action form describes.
func (p *page) onAction(action string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		e.PreventDefault()
		p.stopPlaying()
		for _, name := range actionFields[action] {
			delete(p.errs, name)
		}
		delete(p.errs, action)
		st, errs := buildStep(action, p.form)
		if len(errs) > 0 {
			maps.Copy(p.errs, errs)
			return
		}
		p.run(ctx, action, false, func() {
			if err := p.lab.add(st); err != nil {
				maps.Copy(p.errs, actionErrors(action, err))
				return
			}
			p.tablePage = 1 << 30 // the last page, where new mappings are
			p.changed()
		})
	}
}
