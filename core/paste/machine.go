package paste

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/scenario"
)

// Machine is what a paste of tool output says about one machine: its
// listening sockets (ss, netstat, lsof), its containers (docker ps) and its
// interfaces (ip addr, ifconfig, ipconfig). The outputs may follow one
// another in any order, with or without the shell prompts that ran them.
type Machine struct {
	// OS is the machine's system as the formats give it away (macOS's
	// netstat and ifconfig, Windows' netstat and ipconfig); Linux otherwise.
	OS         bind.OS     `json:"os"`
	Listeners  []Listener  `json:"listeners,omitempty"`
	Containers []Container `json:"containers,omitempty"`
	Interfaces []Interface `json:"interfaces,omitempty"`
	// Skipped counts lines inside a listing that could not be read.
	Skipped int `json:"skipped,omitempty"`
}

// IsZero reports whether m holds nothing.
func (m Machine) IsZero() bool { return m.rows() == 0 }

func (m Machine) rows() int { return len(m.Listeners) + len(m.Containers) + len(m.Interfaces) }

// ParseMachine reads the listings in text; lines of other text are
// ignored. Only the first MaxLines lines are read.
func ParseMachine(text string) Machine { return parseMachine(split(text).text) }

type format uint8

const (
	fmtNone format = iota
	fmtSS
	fmtNetstat
	fmtWinNetstat
	fmtLsof
	fmtDocker
	fmtIPAddr
	fmtIfconfig
	fmtIpconfig
)

// maxRecords bounds each list of a Machine.
const maxRecords = 4096

func parseMachine(ls []string) Machine {
	var m Machine
	var votes [3]int
	cur := fmtNone
	pidCol := 0
	var it *Interface
	lastKey := ""
	lastListener := -1
	flush := func() {
		if it != nil && len(m.Interfaces) < maxRecords {
			m.Interfaces = append(m.Interfaces, *it)
		}
		it = nil
	}
	addListener := func(l Listener) {
		if l.IsValid() && len(m.Listeners) < maxRecords {
			lastListener = len(m.Listeners)
			m.Listeners = append(m.Listeners, l)
		}
	}
	var f []string // the line's fields, in one slice for every line
	for _, line := range ls {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if isPrompt(t) {
			flush()
			cur = fmtNone
			continue
		}
		f = appendFields(f[:0], t)
		first, _, _ := strings.Cut(t, " ")
		first, _, _ = strings.Cut(first, "\t")
		switch {
		case (first == "State" || first == "Netid") && strings.Contains(t, "Recv-Q"):
			flush()
			cur = fmtSS
			votes[bind.Linux]++
			continue
		case first == "Proto" && strings.Contains(t, "Recv-Q"):
			flush()
			cur, pidCol = fmtNetstat, 0
			state := -1
			for i, h := range f {
				if h == "(state)" || h == "State" {
					state = i
				}
				if h == "pid" && state >= 0 {
					pidCol = i - state
				}
			}
			continue
		case first == "Proto" && strings.Contains(t, "Local Address"):
			flush()
			cur = fmtWinNetstat
			votes[bind.Windows]++
			continue
		case strings.HasPrefix(t, "Active Internet connections"), strings.HasPrefix(t, "Active Connections"):
			continue
		case strings.HasPrefix(t, "Active UNIX domain"), strings.HasPrefix(t, "Active LOCAL"), strings.HasPrefix(t, "Registered kernel control"):
			cur = fmtNone
			continue
		case first == "COMMAND" && strings.Contains(t, "PID"):
			flush()
			cur = fmtLsof
			continue
		case strings.HasPrefix(t, "CONTAINER ID"):
			flush()
			cur = fmtDocker
			continue
		case strings.HasPrefix(t, "Windows IP Configuration"):
			flush()
			cur = fmtIpconfig
			votes[bind.Windows]++
			continue
		case (first == "NAME" || first == "NAMESPACE") && isTableHeader(f):
			flush()
			cur = fmtNone
			continue
		}
		if line[0] != ' ' && line[0] != '\t' && cur != fmtSS && cur != fmtLsof && cur != fmtDocker && cur != fmtWinNetstat && cur != fmtNetstat {
			if name, ok := ipAddrHeader(t, f); ok {
				flush()
				it, cur = &Interface{Name: name}, fmtIPAddr
				votes[bind.Linux]++
				continue
			}
			if name, ok := ifconfigHeader(line, f); ok {
				flush()
				it, cur = &Interface{Name: name}, fmtIfconfig
				if strings.HasPrefix(name, "en") && len(name) <= 3 || name == "lo0" || strings.HasPrefix(name, "utun") || strings.HasPrefix(name, "bridge") {
					votes[bind.MacOS]++
				}
				continue
			}
			if name, ok := ipconfigAdapter(line); ok {
				flush()
				it, cur = &Interface{Name: name}, fmtIpconfig
				votes[bind.Windows]++
				lastKey = ""
				continue
			}
		}
		switch cur {
		case fmtSS:
			l, ok := parseSSLine(f)
			if !ok {
				m.Skipped++
			}
			addListener(l)
		case fmtNetstat:
			l, ok, mac := parseNetstatLine(f, pidCol)
			if !ok {
				m.Skipped++
			}
			if mac {
				votes[bind.MacOS]++
			}
			addListener(l)
		case fmtWinNetstat:
			if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
				if lastListener >= 0 {
					m.Listeners[lastListener].Process = strings.TrimSuffix(strings.Trim(t, "[]"), ".exe")
				}
				continue
			}
			l, ok := parseWinNetstatLine(f)
			if !ok {
				if !strings.HasPrefix(t, "Can not obtain") && strings.ContainsAny(t, " \t") {
					m.Skipped++
				}
				continue
			}
			lastListener = -1
			addListener(l)
		case fmtLsof:
			l, ok, mac := parseLsofLine(f)
			if !ok {
				m.Skipped++
			}
			if mac {
				votes[bind.MacOS]++
			}
			addListener(l)
		case fmtDocker:
			c, ok := parseDockerLine(f)
			if !ok {
				m.Skipped++
				continue
			}
			if len(m.Containers) < maxRecords {
				m.Containers = append(m.Containers, c)
			}
		case fmtIPAddr, fmtIfconfig:
			if p, ok := parseInetLine(f); ok && it != nil {
				it.add(p)
				if cur == fmtIfconfig && strings.Contains(t, "netmask 0x") {
					votes[bind.MacOS]++
				}
			}
		case fmtIpconfig:
			k, v, ok := ipconfigField(line)
			if !ok || it == nil {
				continue
			}
			if k == "" {
				k = lastKey
			}
			lastKey = k
			a, isAddr := ipconfigAddr(v)
			switch key := ipconfigKeyOf(k); {
			case !isAddr:
			case key == keyMask:
				if n := maskBits(a.String()); n >= 0 {
					for i := len(it.Addrs) - 1; i >= 0; i-- {
						if it.Addrs[i].Addr().Is4() {
							it.Addrs[i] = netip.PrefixFrom(it.Addrs[i].Addr(), n)
							break
						}
					}
				}
			case key == keyGateway && !a.IsUnspecified():
				if !it.Gateway.IsValid() || a.Is4() && !it.Gateway.Is4() {
					it.Gateway = a.WithZone("")
				}
			case key == keyIPv4:
				it.add(prefixOf(a, 32))
			case key == keyIPv6:
				it.add(prefixOf(a, 64))
			}
		default:
			if itf, ok := parseBriefLine(f); ok {
				if len(m.Interfaces) < maxRecords {
					m.Interfaces = append(m.Interfaces, itf)
				}
				votes[bind.Linux]++
			}
		}
	}
	flush()
	switch {
	case votes[bind.Windows] > 0 && votes[bind.Windows] >= votes[bind.MacOS]:
		m.OS = bind.Windows
	case votes[bind.MacOS] > 0:
		m.OS = bind.MacOS
	}
	return m
}

// isTableHeader reports whether f is the header of a kubectl table, which
// ends a listing of the machine.
func isTableHeader(f []string) bool {
	return len(f) >= 2 && (f[0] == "NAME" || f[0] == "NAMESPACE")
}

// result returns the Result of a machine paste.
func (m Machine) result() Result {
	kind := KindInterfaces
	switch {
	case len(m.Listeners) > 0:
		kind = KindSockets
	case len(m.Containers) > 0:
		kind = KindContainers
	}
	s, notes := m.Scenario()
	r := Result{Kind: kind, Page: scenario.WidgetBind, Link: labLink(s), Machine: m, Notes: notes}
	r.Summary = fmt.Sprintf("your %s machine: %s; the Bind lab shows who can reach what", m.OS,
		counts(counted{len(m.Listeners), "listening socket"}, counted{len(m.Containers), "container"}, counted{len(m.Interfaces), "interface"}))
	r.addFindings(m.findings(s), plural(m.Skipped, "line")+" inside the listings could not be read", m.Skipped)
	return r
}

// counted is a number of things a paste holds, such as 3 containers.
type counted struct {
	n    int
	what string
}

// counts says how many of each thing there are, leaving out those of
// which there are none: "3 pods, 1 node".
func counts(cs ...counted) string {
	var parts []string
	for _, c := range cs {
		if c.n > 0 {
			parts = append(parts, plural(c.n, c.what))
		}
	}
	return strings.Join(parts, ", ")
}

// addFindings gives r the findings, counted in its summary, and the note
// that skipped lines or rows could not be read, if any were.
func (r *Result) addFindings(fs []Finding, skippedNote string, skipped int) {
	r.Findings = fs
	if n := len(fs); n > 0 {
		r.Summary += fmt.Sprintf(", with %s", plural(n, "finding"))
	}
	if skipped > 0 {
		r.Notes = append(r.Notes, skippedNote)
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
