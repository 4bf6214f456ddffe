package natlab

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/nat"
)

// cloneScenario copies sc deeply enough that edits leave sc alone.
func cloneScenario(sc nat.Scenario) nat.Scenario {
	out := sc
	out.NATs = slices.Clone(sc.NATs)
	for i := range out.NATs {
		out.NATs[i].WAN = slices.Clone(out.NATs[i].WAN)
		out.NATs[i].Forwards = slices.Clone(out.NATs[i].Forwards)
	}
	out.Devices = slices.Clone(sc.Devices)
	out.Steps = slices.Clone(sc.Steps)
	return out
}

// deviceField is the editor input name of a device field, which is also
// its path in the scenario's JSON form, as nat.FieldError names it.
func deviceField(i int, field string) string { return "devices[" + itoa(i) + "]." + field }

func natField(i int, field string) string { return "nats[" + itoa(i) + "].behavior." + field }

// editDevice returns sc with device i's field set to value, or a message
// for a value that does not parse. Renaming a device renames it in the
// steps; moving it to another network gives it a free address there.
func editDevice(sc nat.Scenario, i int, field, value string) (nat.Scenario, string) {
	if i < 0 || i >= len(sc.Devices) {
		return sc, "there is no device " + itoa(i)
	}
	sc = cloneScenario(sc)
	d := &sc.Devices[i]
	switch field {
	case "name":
		old := d.Name
		d.Name = strings.TrimSpace(value)
		for j := range sc.Steps {
			if sc.Steps[j].From == old {
				sc.Steps[j].From = d.Name
			}
		}
	case "addr":
		a, err := netip.ParseAddr(strings.TrimSpace(value))
		if err != nil || !a.Is4() {
			return sc, strconv.Quote(value) + " is not an IPv4 address"
		}
		d.Addr = a
	case "behind":
		d.Behind = value
		if a, ok := freeAddr(sc, value, i); ok {
			d.Addr = a
		}
	}
	return sc, ""
}

// freeAddr returns an address no one uses on the network behind NAT name
// ("" is the internet), skipping device skip.
func freeAddr(sc nat.Scenario, behind string, skip int) (netip.Addr, bool) {
	used := map[netip.Addr]bool{}
	for j, d := range sc.Devices {
		if j != skip && d.Behind == behind {
			used[d.Addr] = true
		}
	}
	start := netip.MustParseAddr("198.51.100.10")
	var lan netip.Prefix
	for _, n := range sc.NATs {
		if n.Behind == behind {
			for _, a := range n.WAN {
				used[a] = true
			}
		}
		if n.Name == behind {
			lan = n.LAN
		}
	}
	if behind != "" {
		if !lan.IsValid() {
			return netip.Addr{}, false
		}
		start = lan.Addr().Next()
		for k := 0; k < 9 && lan.Contains(start.Next()); k++ {
			start = start.Next()
		}
	}
	for a, k := start, 0; a.IsValid() && k < 4096; a, k = a.Next(), k+1 {
		if lan.IsValid() && !lan.Contains(a) {
			break
		}
		if !used[a] {
			return a, true
		}
	}
	return netip.Addr{}, false
}

// addDevice returns sc with a new device behind NAT behind ("" for a server
// on the internet), or why it cannot have one.
func addDevice(sc nat.Scenario, behind string) (nat.Scenario, string) {
	if len(sc.Devices) >= nat.MaxDevices {
		return sc, "a scenario may have at most " + itoa(nat.MaxDevices) + " devices"
	}
	a, ok := freeAddr(sc, behind, -1)
	if !ok {
		return sc, "no free address is left on that network"
	}
	base := "device"
	if behind == "" {
		base = "server"
	}
	names := map[string]bool{nat.Internet: true}
	for _, d := range sc.Devices {
		names[d.Name] = true
	}
	for _, n := range sc.NATs {
		names[n.Name] = true
	}
	name := base
	for k := 2; names[name]; k++ {
		name = base + "-" + itoa(k)
	}
	sc = cloneScenario(sc)
	sc.Devices = append(sc.Devices, nat.Device{Name: name, Behind: behind, Addr: a})
	return sc, ""
}

// removeDevice returns sc without device i and without the steps it takes.
func removeDevice(sc nat.Scenario, i int) nat.Scenario {
	if i < 0 || i >= len(sc.Devices) {
		return sc
	}
	sc = cloneScenario(sc)
	name := sc.Devices[i].Name
	sc.Devices = slices.Delete(sc.Devices, i, i+1)
	sc.Steps = slices.DeleteFunc(sc.Steps, func(st nat.Step) bool { return st.From == name })
	return sc
}

// editBehavior returns sc with one behaviour setting of NAT i changed, or a
// message for a value that does not parse.
func editBehavior(sc nat.Scenario, i int, field, value string) (nat.Scenario, string) {
	if i < 0 || i >= len(sc.NATs) {
		return sc, "there is no NAT " + itoa(i)
	}
	sc = cloneScenario(sc)
	b := &sc.NATs[i].Behavior
	var err error
	value = strings.TrimSpace(value)
	duration := func(out *time.Duration) string {
		if value == "" {
			*out = 0
			return ""
		}
		d, err := time.ParseDuration(value)
		if err != nil {
			return strconv.Quote(value) + ` is not a duration such as "2m" or "2h4m"`
		}
		*out = d
		return ""
	}
	port := func(out *uint16) string {
		if value == "" {
			*out = 0
			return ""
		}
		n, err := strconv.ParseUint(value, 10, 16)
		if err != nil {
			return strconv.Quote(value) + " is not a port from 1 to 65535"
		}
		*out = uint16(n)
		return ""
	}
	switch field {
	case "mapping":
		b.Mapping, err = nat.ParseMappingBehavior(value)
	case "filtering":
		b.Filtering, err = nat.ParseFilteringBehavior(value)
	case "ports":
		b.Ports, err = nat.ParsePortAssignment(value)
	case "hairpin":
		b.Hairpin = value == "true"
	case "udpTimeout":
		return sc, duration(&b.UDPTimeout)
	case "tcpTimeout":
		return sc, duration(&b.TCPTimeout)
	case "portMin":
		return sc, port(&b.PortMin)
	case "portMax":
		return sc, port(&b.PortMax)
	}
	if err != nil {
		return sc, err.Error()
	}
	return sc, ""
}

// removeForward returns sc without rule j of NAT i.
func removeForward(sc nat.Scenario, i, j int) nat.Scenario {
	if i < 0 || i >= len(sc.NATs) || j < 0 || j >= len(sc.NATs[i].Forwards) {
		return sc
	}
	sc = cloneScenario(sc)
	sc.NATs[i].Forwards = slices.Delete(sc.NATs[i].Forwards, j, j+1)
	return sc
}

// applyEdit swaps in an edited scenario, or shows why it cannot be used at
// the input named by the scenario's FieldError (or at the edited input).
func (p *page) applyEdit(ctx app.Context, input, value string, sc nat.Scenario, parseErr string) {
	p.stopPlaying()
	p.run(ctx, input+"="+value, false, func() {
		if parseErr != "" {
			p.errs = map[string]string{input: parseErr}
			p.drafts[input] = value
			return
		}
		if err := p.lab.replace(sc); err != nil {
			fe := fieldError(err)
			target := input
			if editorInput(fe.Field) {
				target = fe.Field
			}
			p.errs = map[string]string{target: fe.Reason}
			p.drafts[input] = value
			return
		}
		p.errs, p.drafts = map[string]string{}, map[string]string{}
		p.changed()
	})
}

// editorInput reports whether the editor has an input named field.
func editorInput(field string) bool {
	return (strings.HasPrefix(field, "devices[") && (strings.HasSuffix(field, ".name") || strings.HasSuffix(field, ".addr") || strings.HasSuffix(field, ".behind"))) ||
		(strings.HasPrefix(field, "nats[") && strings.Contains(field, ".behavior."))
}

func (p *page) onDeviceInput(i int, field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		value := ctx.JSSrc().Get("value").String()
		sc, msg := editDevice(p.lab.sc, i, field, value)
		p.applyEdit(ctx, deviceField(i, field), value, sc, msg)
	}
}

func (p *page) onRemoveDevice(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.applyEdit(ctx, deviceField(i, "name"), "", removeDevice(p.lab.sc, i), "")
	}
}

func (p *page) onAddDevice(behind string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		sc, msg := addDevice(p.lab.sc, behind)
		if msg != "" {
			p.errs = map[string]string{"add-device": msg}
			return
		}
		p.applyEdit(ctx, "add-device", behind, sc, "")
		p.devicePage = (len(p.lab.sc.Devices) - 1) / devicePageSize
	}
}

func (p *page) onBehaviorInput(i int, field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		var value string
		if field == "hairpin" {
			value = strconv.FormatBool(ctx.JSSrc().Get("checked").Bool())
		} else {
			value = ctx.JSSrc().Get("value").String()
		}
		sc, msg := editBehavior(p.lab.sc, i, field, value)
		p.applyEdit(ctx, natField(i, field), value, sc, msg)
	}
}

func (p *page) onRemoveForward(i, j int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.applyEdit(ctx, "nats["+itoa(i)+"].forwards", itoa(j), removeForward(p.lab.sc, i, j), "")
	}
}
