package nat

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// The JSON form of a scenario. Field names are part of the share-link
// format: add fields, never rename them.
type (
	wireScenario struct {
		Name    string       `json:"name,omitempty"`
		Seed    uint64       `json:"seed,omitempty"`
		NATs    []wireNAT    `json:"nats,omitempty"`
		Devices []wireDevice `json:"devices,omitempty"`
		Steps   []wireStep   `json:"steps,omitempty"`
	}
	wireNAT struct {
		Name     string        `json:"name"`
		Behind   string        `json:"behind,omitempty"`
		LAN      string        `json:"lan"`
		WAN      []string      `json:"wan"`
		Behavior wireBehavior  `json:"behavior"`
		Forwards []wireForward `json:"forwards,omitempty"`
	}
	wireBehavior struct {
		Mapping              string `json:"mapping,omitempty"`
		Filtering            string `json:"filtering,omitempty"`
		Ports                string `json:"ports,omitempty"`
		PortMin              uint16 `json:"portMin,omitempty"`
		PortMax              uint16 `json:"portMax,omitempty"`
		Hairpin              bool   `json:"hairpin,omitempty"`
		UDPTimeout           string `json:"udpTimeout,omitempty"`
		TCPTimeout           string `json:"tcpTimeout,omitempty"`
		TCPTransitoryTimeout string `json:"tcpTransitoryTimeout,omitempty"`
		ICMPTimeout          string `json:"icmpTimeout,omitempty"`
	}
	wireForward struct {
		Proto string `json:"proto"`
		Addr  string `json:"addr,omitempty"`
		Port  uint16 `json:"port"`
		To    string `json:"to"`
	}
	wireDevice struct {
		Name   string `json:"name"`
		Behind string `json:"behind,omitempty"`
		Addr   string `json:"addr"`
	}
	wireStep struct {
		Kind    string       `json:"kind"`
		From    string       `json:"from,omitempty"`
		Proto   string       `json:"proto,omitempty"`
		SrcPort uint16       `json:"srcPort,omitempty"`
		To      string       `json:"to,omitempty"`
		By      string       `json:"by,omitempty"`
		NAT     string       `json:"nat,omitempty"`
		Forward *wireForward `json:"forward,omitempty"`
	}
)

// DecodeScenario reads a scenario in its JSON form and validates it. Errors
// are *FieldError values naming the field at fault.
func DecodeScenario(data []byte) (Scenario, error) {
	var s Scenario
	if err := s.UnmarshalJSON(data); err != nil {
		return Scenario{}, err
	}
	if err := s.Validate(); err != nil {
		return Scenario{}, err
	}
	return s, nil
}

// MarshalJSON returns the JSON form of s described in the package
// documentation.
func (s Scenario) MarshalJSON() ([]byte, error) {
	w := wireScenario{Name: s.Name, Seed: s.Seed}
	for _, n := range s.NATs {
		wn := wireNAT{Name: n.Name, Behind: n.Behind, LAN: textOf(n.LAN), WAN: []string{}, Behavior: wireBehaviorOf(n.Behavior)}
		for _, a := range n.WAN {
			wn.WAN = append(wn.WAN, textOf(a))
		}
		for _, r := range n.Forwards {
			wn.Forwards = append(wn.Forwards, wireForwardOf(r))
		}
		w.NATs = append(w.NATs, wn)
	}
	for _, d := range s.Devices {
		w.Devices = append(w.Devices, wireDevice{Name: d.Name, Behind: d.Behind, Addr: textOf(d.Addr)})
	}
	for _, st := range s.Steps {
		ws := wireStep{Kind: st.Kind.String(), From: st.From, SrcPort: st.SrcPort, NAT: st.NAT}
		if st.Kind == StepSend || st.Proto != UDP {
			ws.Proto = st.Proto.String()
		}
		if st.To.IsValid() {
			ws.To = st.To.String()
		}
		if st.By != 0 {
			ws.By = st.By.String()
		}
		if st.Forward != (Forward{}) {
			f := wireForwardOf(st.Forward)
			ws.Forward = &f
		}
		w.Steps = append(w.Steps, ws)
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads the JSON form of a scenario. It checks that every
// field parses, with a *FieldError naming the one that does not, but leaves
// the rest of the checking to Validate.
func (s *Scenario) UnmarshalJSON(data []byte) error {
	if len(data) > MaxScenarioBytes {
		return errorf("the scenario is " + strconv.Itoa(len(data)) + " bytes, more than the limit of " + strconv.Itoa(MaxScenarioBytes))
	}
	var w wireScenario
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&w); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return errorf("not valid JSON: text after the scenario")
	}
	// Count before converting so an oversized list fails fast and by name.
	switch {
	case len(w.NATs) > MaxNATs:
		return fieldErr("nats", strconv.Itoa(len(w.NATs))+" NATs is more than the limit of "+strconv.Itoa(MaxNATs))
	case len(w.Devices) > MaxDevices:
		return fieldErr("devices", strconv.Itoa(len(w.Devices))+" devices is more than the limit of "+strconv.Itoa(MaxDevices))
	case len(w.Steps) > MaxSteps:
		return fieldErr("steps", strconv.Itoa(len(w.Steps))+" steps is more than the limit of "+strconv.Itoa(MaxSteps))
	}
	out := Scenario{Name: w.Name, Seed: w.Seed}
	var err *FieldError
	for i, wn := range w.NATs {
		f := idx("nats", i)
		n := NAT{Name: wn.Name, Behind: wn.Behind}
		if n.LAN, err = parsePrefix(f+".lan", wn.LAN); err != nil {
			return err
		}
		if len(wn.WAN) > MaxWANAddrs {
			return fieldErr(f+".wan", strconv.Itoa(len(wn.WAN))+" addresses is more than the limit of "+strconv.Itoa(MaxWANAddrs))
		}
		for j, a := range wn.WAN {
			addr, err := parseAddr(idx(f+".wan", j), a)
			if err != nil {
				return err
			}
			n.WAN = append(n.WAN, addr)
		}
		if n.Behavior, err = wn.Behavior.behavior(f + ".behavior"); err != nil {
			return err
		}
		if len(wn.Forwards) > MaxForwards {
			return fieldErr(f+".forwards", strconv.Itoa(len(wn.Forwards))+" rules is more than the limit of "+strconv.Itoa(MaxForwards))
		}
		for j, wf := range wn.Forwards {
			r, err := wf.forward(idx(f+".forwards", j))
			if err != nil {
				return err
			}
			n.Forwards = append(n.Forwards, r)
		}
		out.NATs = append(out.NATs, n)
	}
	for i, wd := range w.Devices {
		d := Device{Name: wd.Name, Behind: wd.Behind}
		if d.Addr, err = parseAddr(idx("devices", i)+".addr", wd.Addr); err != nil {
			return err
		}
		out.Devices = append(out.Devices, d)
	}
	for i, ws := range w.Steps {
		f := idx("steps", i)
		st := Step{From: ws.From, SrcPort: ws.SrcPort, NAT: ws.NAT}
		var perr error
		if st.Kind, perr = ParseStepKind(ws.Kind); perr != nil {
			return at(f+".kind", perr)
		}
		if ws.Proto != "" {
			if st.Proto, perr = ParseProtocol(ws.Proto); perr != nil {
				return at(f+".proto", perr)
			}
		}
		if ws.To != "" {
			if st.To, err = parseAddrPort(f+".to", ws.To); err != nil {
				return err
			}
		}
		if ws.By != "" {
			if st.By, err = parseDuration(f+".by", ws.By); err != nil {
				return err
			}
		}
		if ws.Forward != nil {
			if st.Forward, err = ws.Forward.forward(f + ".forward"); err != nil {
				return err
			}
		}
		out.Steps = append(out.Steps, st)
	}
	*s = out
	return nil
}

func at(field string, err error) *FieldError {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fieldErr(field, fe.Reason)
	}
	return fieldErr(field, err.Error())
}

func jsonError(err error) *FieldError {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fieldErr(te.Field, "want "+jsonKind(te.Type.Kind().String())+", not a JSON "+te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return errorf("not valid JSON at byte " + strconv.Itoa(int(se.Offset)) + ": " + strings.TrimPrefix(se.Error(), "json: "))
	}
	return errorf("not valid JSON: " + strings.TrimPrefix(err.Error(), "json: "))
}

func jsonKind(k string) string {
	switch {
	case strings.HasPrefix(k, "uint"), strings.HasPrefix(k, "int"):
		return "a whole number in range"
	case k == "slice":
		return "a list"
	case k == "struct":
		return "an object"
	}
	return "a " + k
}

func textOf(v interface{ MarshalText() ([]byte, error) }) string {
	b, _ := v.MarshalText()
	return string(b)
}

func parseAddr(f, s string) (netip.Addr, *FieldError) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return netip.Addr{}, fieldErr(f, quote(s)+" is not an IPv4 address")
	}
	return a, nil
}

func parseAddrPort(f, s string) (netip.AddrPort, *FieldError) {
	ap, err := netip.ParseAddrPort(s)
	if err == nil && ap.Addr().Is4() {
		return ap, nil
	}
	if a, err := netip.ParseAddr(s); err == nil && a.Is4() {
		return netip.AddrPortFrom(a, 0), nil
	}
	return netip.AddrPort{}, fieldErr(f, quote(s)+" is not an IPv4 address and port such as \"93.184.216.34:443\"")
}

// ParseEndpoint parses an IPv4 address and port as a person types it into an
// action, such as "93.184.216.34:443"; space around it is ignored. If
// portless is true (for ICMP, whose packets carry no port) an address alone
// is accepted with port 0; otherwise the error for an address alone says to
// add the port. The error's text is meant for people.
func ParseEndpoint(s string, portless bool) (netip.AddrPort, error) {
	s = strings.TrimSpace(s)
	if ap, err := netip.ParseAddrPort(s); err == nil && ap.Addr().Is4() {
		return ap, nil
	}
	a, err := netip.ParseAddr(s)
	switch {
	case err == nil && a.Is4() && portless:
		return netip.AddrPortFrom(a, 0), nil
	case err == nil && a.Is4():
		return netip.AddrPort{}, errors.New(quote(s) + " has no port; write it with one, such as " + a.String() + ":80")
	case err == nil:
		return netip.AddrPort{}, errors.New(quote(s) + " is IPv6; the lab's networks are IPv4, such as \"93.184.216.34:443\"")
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return netip.AddrPort{}, errors.New(quote(s) + " is IPv6; the lab's networks are IPv4, such as \"93.184.216.34:" + strconv.Itoa(int(ap.Port())) + "\"")
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		if a, err := netip.ParseAddr(s[:i]); err == nil && a.Is4() {
			return netip.AddrPort{}, errors.New(quote(s) + ": port " + quote(s[i+1:]) + " is not a number from 0 to 65535")
		}
	}
	return netip.AddrPort{}, errors.New(quote(s) + " is not an IPv4 address and port such as \"93.184.216.34:443\"")
}

func parsePrefix(f, s string) (netip.Prefix, *FieldError) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, fieldErr(f, quote(s)+" is not an IPv4 network such as \"192.168.1.0/24\"")
	}
	return p, nil
}

func parseDuration(f, s string) (time.Duration, *FieldError) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fieldErr(f, quote(s)+" is not a duration such as \"2m\" or \"2h4m\"")
	}
	return d, nil
}

func wireBehaviorOf(b Behavior) wireBehavior {
	w := wireBehavior{Mapping: b.Mapping.String(), Filtering: b.Filtering.String(), PortMin: b.PortMin, PortMax: b.PortMax, Hairpin: b.Hairpin}
	if b.Ports != PortPreserve {
		w.Ports = b.Ports.String()
	}
	durations := [...]struct {
		d   time.Duration
		out *string
	}{{b.UDPTimeout, &w.UDPTimeout}, {b.TCPTimeout, &w.TCPTimeout}, {b.TCPTransitoryTimeout, &w.TCPTransitoryTimeout}, {b.ICMPTimeout, &w.ICMPTimeout}}
	for _, d := range durations {
		if d.d != 0 {
			*d.out = d.d.String()
		}
	}
	return w
}

func (w wireBehavior) behavior(f string) (Behavior, *FieldError) {
	b := Behavior{PortMin: w.PortMin, PortMax: w.PortMax, Hairpin: w.Hairpin}
	var err error
	if w.Mapping != "" {
		if b.Mapping, err = ParseMappingBehavior(w.Mapping); err != nil {
			return b, at(f+".mapping", err)
		}
	}
	if w.Filtering != "" {
		if b.Filtering, err = ParseFilteringBehavior(w.Filtering); err != nil {
			return b, at(f+".filtering", err)
		}
	}
	if w.Ports != "" {
		if b.Ports, err = ParsePortAssignment(w.Ports); err != nil {
			return b, at(f+".ports", err)
		}
	}
	durations := [...]struct {
		name, s string
		out     *time.Duration
	}{{".udpTimeout", w.UDPTimeout, &b.UDPTimeout}, {".tcpTimeout", w.TCPTimeout, &b.TCPTimeout},
		{".tcpTransitoryTimeout", w.TCPTransitoryTimeout, &b.TCPTransitoryTimeout}, {".icmpTimeout", w.ICMPTimeout, &b.ICMPTimeout}}
	for _, d := range durations {
		if d.s == "" {
			continue
		}
		v, ferr := parseDuration(f+d.name, d.s)
		if ferr != nil {
			return b, ferr
		}
		*d.out = v
	}
	return b, nil
}

func wireForwardOf(r Forward) wireForward {
	w := wireForward{Proto: r.Proto.String(), Port: r.Port}
	if r.Addr.IsValid() {
		w.Addr = r.Addr.String()
	}
	if r.To.IsValid() {
		w.To = r.To.String()
	}
	return w
}

func (w wireForward) forward(f string) (Forward, *FieldError) {
	r := Forward{Port: w.Port}
	var err *FieldError
	p, perr := ParseProtocol(w.Proto)
	if perr != nil {
		return r, at(f+".proto", perr)
	}
	r.Proto = p
	if w.Addr != "" {
		if r.Addr, err = parseAddr(f+".addr", w.Addr); err != nil {
			return r, err
		}
	}
	if r.To, err = parseAddrPort(f+".to", w.To); err != nil {
		return r, err
	}
	return r, nil
}
