package nat

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The editing methods below never change a scenario in place: each returns
// a new Scenario whose changed parts are fresh slices, so a page can keep
// the old scenario (for undo, or for comparing) and find what changed by
// comparing slices. Their errors are *FieldError values naming the field
// edited, with a Reason a page can show beside the input. They do not
// validate the result: Validate does.

// firstServerAddr is where FreeAddr starts on the internet: TEST-NET-2
// (RFC 5737), clear of the addresses the presets use.
var firstServerAddr = netip.AddrFrom4([4]byte{198, 51, 100, 10})

// Clone returns a copy of s that shares no slice with it, so that editing
// one leaves the other alone.
func (s Scenario) Clone() Scenario {
	out := s
	out.NATs = slices.Clone(s.NATs)
	for i := range out.NATs {
		out.NATs[i].WAN = slices.Clone(out.NATs[i].WAN)
		out.NATs[i].Forwards = slices.Clone(out.NATs[i].Forwards)
	}
	out.Devices = slices.Clone(s.Devices)
	out.Steps = slices.Clone(s.Steps)
	return out
}

// FreeAddr returns an address that no device and no NAT's WAN side uses on
// the network behind the NAT named behind, and reports whether there is
// one. On a LAN the search starts at the LAN's tenth host address (the
// first few are the router's, by custom); on the internet ("") at
// 198.51.100.10 (TEST-NET-2, RFC 5737). It looks at 4096 addresses at most.
func (s Scenario) FreeAddr(behind string) (netip.Addr, bool) { return s.freeAddr(behind, -1) }

// freeAddr is FreeAddr, not counting device skip as a user.
func (s Scenario) freeAddr(behind string, skip int) (netip.Addr, bool) {
	used := map[netip.Addr]bool{}
	for j, d := range s.Devices {
		if j != skip && d.Behind == behind {
			used[d.Addr] = true
		}
	}
	start := firstServerAddr
	var lan netip.Prefix
	for _, n := range s.NATs {
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

// AddDevice returns s with one more device, at FreeAddr(behind): on the LAN
// of the NAT named behind, named "device" (or "device-2", "device-3", …,
// whichever is free), or on the internet if behind is "", named "server".
func (s Scenario) AddDevice(behind string) (Scenario, error) {
	if len(s.Devices) >= MaxDevices {
		return s, fieldErr("devices", "a scenario may have at most "+strconv.Itoa(MaxDevices)+" devices")
	}
	a, ok := s.FreeAddr(behind)
	if !ok {
		return s, fieldErr("devices", "no free address is left on that network")
	}
	base := "device"
	if behind == "" {
		base = "server"
	}
	names := map[string]bool{Internet: true}
	for _, d := range s.Devices {
		names[d.Name] = true
	}
	for _, n := range s.NATs {
		names[n.Name] = true
	}
	name := base
	for k := 2; names[name]; k++ {
		name = base + "-" + strconv.Itoa(k)
	}
	s = s.Clone()
	s.Devices = append(s.Devices, Device{Name: name, Behind: behind, Addr: a})
	return s, nil
}

// EditDevice returns s with one field of device i set from the text value,
// the field named as in the JSON form: "name" (the steps the device takes
// are renamed too; spaces around the name are dropped), "addr" (an IPv4
// address) or "behind" (the NAT's name, "" for the internet; the device
// gets a free address there if there is one).
func (s Scenario) EditDevice(i int, field, value string) (Scenario, error) {
	if i < 0 || i >= len(s.Devices) {
		return s, fieldErr("devices", "there is no device "+strconv.Itoa(i))
	}
	path := idx("devices", i) + "." + field
	switch field {
	case "name":
		s = s.Clone()
		d := &s.Devices[i]
		old := d.Name
		d.Name = strings.TrimSpace(value)
		for j := range s.Steps {
			if s.Steps[j].From == old {
				s.Steps[j].From = d.Name
			}
		}
	case "addr":
		a, err := netip.ParseAddr(strings.TrimSpace(value))
		if err != nil || !a.Is4() {
			return s, fieldErr(path, strconv.Quote(value)+" is not an IPv4 address")
		}
		s = s.Clone()
		s.Devices[i].Addr = a
	case "behind":
		free, ok := s.freeAddr(value, i)
		s = s.Clone()
		s.Devices[i].Behind = value
		if ok {
			s.Devices[i].Addr = free
		}
	default:
		return s, fieldErr(path, "a device has no field "+quote(field))
	}
	return s, nil
}

// RemoveDevice returns s without device i and without the steps it takes,
// or s itself if there is no device i.
func (s Scenario) RemoveDevice(i int) Scenario {
	if i < 0 || i >= len(s.Devices) {
		return s
	}
	s = s.Clone()
	name := s.Devices[i].Name
	s.Devices = slices.Delete(s.Devices, i, i+1)
	s.Steps = slices.DeleteFunc(s.Steps, func(st Step) bool { return st.From == name })
	return s
}

// EditBehavior returns s with one setting of NAT i's Behavior set from the
// text value, the setting named as in the JSON form: "mapping",
// "filtering", "ports", "hairpin" ("true" or anything else for false),
// "udpTimeout", "tcpTimeout" (durations such as "2m"), "portMin" or
// "portMax". An empty duration or port is 0, the default.
func (s Scenario) EditBehavior(i int, field, value string) (Scenario, error) {
	if i < 0 || i >= len(s.NATs) {
		return s, fieldErr("nats", "there is no NAT "+strconv.Itoa(i))
	}
	path := idx("nats", i) + ".behavior." + field
	s = s.Clone()
	b := &s.NATs[i].Behavior
	value = strings.TrimSpace(value)
	duration := func(out *time.Duration) error {
		if value == "" {
			*out = 0
			return nil
		}
		d, err := time.ParseDuration(value)
		if err != nil {
			return fieldErr(path, strconv.Quote(value)+` is not a duration such as "2m" or "2h4m"`)
		}
		*out = d
		return nil
	}
	port := func(out *uint16) error {
		if value == "" {
			*out = 0
			return nil
		}
		n, err := strconv.ParseUint(value, 10, 16)
		if err != nil {
			return fieldErr(path, strconv.Quote(value)+" is not a port from 1 to 65535")
		}
		*out = uint16(n)
		return nil
	}
	var err error
	switch field {
	case "mapping":
		b.Mapping, err = ParseMappingBehavior(value)
	case "filtering":
		b.Filtering, err = ParseFilteringBehavior(value)
	case "ports":
		b.Ports, err = ParsePortAssignment(value)
	case "hairpin":
		b.Hairpin = value == "true"
	case "udpTimeout":
		err = duration(&b.UDPTimeout)
	case "tcpTimeout":
		err = duration(&b.TCPTimeout)
	case "portMin":
		err = port(&b.PortMin)
	case "portMax":
		err = port(&b.PortMax)
	default:
		return s, fieldErr(path, "a behavior has no setting "+quote(field))
	}
	if err != nil {
		return s, at(path, err)
	}
	return s, nil
}

// RemoveForward returns s without forwarding rule j of NAT i, or s itself
// if there is no such rule.
func (s Scenario) RemoveForward(i, j int) Scenario {
	if i < 0 || i >= len(s.NATs) || j < 0 || j >= len(s.NATs[i].Forwards) {
		return s
	}
	s = s.Clone()
	s.NATs[i].Forwards = slices.Delete(s.NATs[i].Forwards, j, j+1)
	return s
}
