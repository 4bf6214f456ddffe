package port_test

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/netground/netground/core/port"
	"github.com/netground/netground/core/port/internal/ianacsv"
)

// loadRegistry decodes data/services.bin, the file the web app fetches.
var loadRegistry = sync.OnceValues(func() (*port.Registry, error) {
	data, err := os.ReadFile("data/services.bin")
	if err != nil {
		return nil, err
	}
	return port.ParseRegistry(data)
})

func registry(tb testing.TB) *port.Registry {
	tb.Helper()
	r, err := loadRegistry()
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func readCSV(tb testing.TB) ([]ianacsv.Row, string) {
	tb.Helper()
	f, err := os.Open("data/service-names-port-numbers.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, snapshot, err := ianacsv.Read(f)
	if err != nil {
		tb.Fatal(err)
	}
	return rows, snapshot
}

// TestRegistryRoundTrip checks that every CSV row comes back, in order, from
// the compact file, and that the committed file is what go generate writes.
func TestRegistryRoundTrip(t *testing.T) {
	rows, snapshot := readCSV(t)
	r := registry(t)
	if r.Snapshot() != snapshot || snapshot != "2025-03-28" {
		t.Errorf("Snapshot() = %q, CSV latest date %q; want both 2025-03-28", r.Snapshot(), snapshot)
	}
	var got []ianacsv.Row
	for rec := range r.All() {
		row := ianacsv.Row{Name: rec.Name(), Ports: rec.PortString(), Description: rec.Description(), Reference: rec.Reference()}
		if rec.Transport() == 0 {
			got = append(got, row)
			continue
		}
		for _, t := range []port.Transport{port.TCP, port.UDP, port.SCTP, port.DCCP} {
			if rec.Transport().Has(t) {
				row.Transport = t.String()
				got = append(got, row)
			}
		}
	}
	if len(got) != len(rows) || len(rows) != 14474 {
		t.Fatalf("compact form expands to %d rows, CSV has %d; want 14474 both", len(got), len(rows))
	}
	// A few rows write one port as a range ("4748-4748"); the compact form
	// keeps the port, not the spelling, so ports are compared as numbers.
	for i := range rows {
		gf, gl, gok, _ := got[i].Range()
		wf, wl, wok, err := rows[i].Range()
		if err != nil {
			t.Fatalf("row %d: %v", i+2, err)
		}
		g, w := got[i], rows[i]
		g.Ports, w.Ports = "", ""
		if g != w || gf != wf || gl != wl || gok != wok {
			t.Errorf("row %d: compact %+v; CSV %+v", i+2, got[i], rows[i])
		}
	}

	want, err := ianacsv.Encode(rows, snapshot)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("data/services.bin")
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(committed) {
		t.Errorf("data/services.bin is stale; run go generate ./core/port/")
	}
}

func TestRegistryLookup(t *testing.T) {
	r := registry(t)
	tests := []struct {
		port      uint16
		transport port.Transport
		name      string
		ports     string
	}{
		{22, port.TCP, "ssh", "22"},
		{53, port.UDP, "domain", "53"},
		{443, port.TCP, "https", "443"},
		{5432, port.TCP, "postgresql", "5432"},
		{3306, port.TCP, "mysql", "3306"},
		{6379, port.TCP, "redis", "6379"},
		{6000, port.TCP, "x11", "6000-6063"},
		{6042, port.UDP, "x11", "6000-6063"},
		{6063, port.TCP, "x11", "6000-6063"},
		{9, port.DCCP, "discard", "9"},
		{9, port.SCTP, "discard", "9"},
		{80, 0, "http", "80"},
	}
	for _, tt := range tests {
		recs := r.Lookup(tt.port, tt.transport)
		found := false
		for _, rec := range recs {
			if rec.Name() == tt.name && rec.PortString() == tt.ports {
				found = true
				if tt.transport != 0 && !rec.Transport().Has(tt.transport) {
					t.Errorf("Lookup(%d, %v): %s has transports %v", tt.port, tt.transport, tt.name, rec.Transport())
				}
			}
		}
		if !found {
			t.Errorf("Lookup(%d, %v) = %v; want %s %s", tt.port, tt.transport, names(recs), tt.name, tt.ports)
		}
	}
	if recs := r.Lookup(6379, port.UDP); len(recs) != 0 && recs[0].Name() == "redis" {
		t.Errorf("Lookup(6379, udp) = %v; redis is registered for tcp only", names(recs))
	}
	// Unassigned and reserved ports are records too: every port up to 49151
	// finds one. The dynamic range is never assigned and has no rows.
	for _, p := range []uint16{0, 4, 1023, 1024, 49151, 49152, 65535} {
		if got, want := len(r.Lookup(p, 0)) > 0, p < 49152; got != want {
			t.Errorf("Lookup(%d, 0) found records: %v; want %v", p, got, want)
		}
	}
	if recs := r.Lookup(0, port.TCP); len(recs) != 1 || recs[0].IsAssigned() || recs[0].Description() != "Reserved" {
		t.Errorf("Lookup(0, tcp) = %v; want one unnamed Reserved record", recs)
	}
}

// TestLookupModel compares Lookup with a linear scan for every port.
func TestLookupModel(t *testing.T) {
	r := registry(t)
	var all []port.Record
	for rec := range r.All() {
		all = append(all, rec)
	}
	for p := 0; p <= 65535; p += 61 {
		var want []port.Record
		for _, rec := range all {
			if rec.Contains(uint16(p)) {
				want = append(want, rec)
			}
		}
		got := r.Lookup(uint16(p), 0)
		if len(got) != len(want) {
			t.Fatalf("Lookup(%d, 0) has %d records; the linear scan finds %d", p, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("Lookup(%d, 0)[%d] = %v; want %v", p, i, got[i], want[i])
			}
		}
	}
}

func TestRegistryService(t *testing.T) {
	r := registry(t)
	tests := []struct {
		name      string
		transport port.Transport
		want      string // PortString of each record, joined by " "
	}{
		{"ssh", 0, "22 22 "},     // tcp/udp, sctp, and a port-less SRV entry
		{"SSH", port.SCTP, "22"}, // the port-less entry is tcp
		{"x11", 0, "6000-6063"},
		{"postgresql", port.TCP, "5432"},
		{"Postgres", 0, ""},  // aliases are Search's business
		{"caiLIC", 0, "216"}, // the registry spells it CAIlic
		{"mqtt", 0, "1883 "},
		{"nosuchservice", 0, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, rec := range r.Service(tt.name, tt.transport) {
			got = append(got, rec.PortString())
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Service(%q, %v) ports = %q; want %q", tt.name, tt.transport, strings.Join(got, " "), tt.want)
		}
	}
}

func TestSearch(t *testing.T) {
	r := registry(t)
	tests := []struct {
		query     string
		wantName  string
		wantPorts string
		wantKind  port.MatchKind
	}{
		{"postgres", "postgresql", "5432", port.MatchAlias},
		{"POSTG", "postgresql", "5432", port.MatchPrefix},
		{"http", "http", "80", port.MatchName},
		{"https", "https", "443", port.MatchName},
		{"dns", "domain", "53", port.MatchAlias},
		{"ssh", "ssh", "22", port.MatchName},
		{"5432", "postgresql", "5432", port.MatchPort},
		{"6010", "x11", "6000-6063", port.MatchPort},
		{"secure shell", "ssh", "22", port.MatchDescription},
		{"rdp", "ms-wbt-server", "3389", port.MatchAlias},
		{"  Redis ", "redis", "6379", port.MatchName},
		{"3com-tsm", "3com-tsmux", "106", port.MatchPrefix},
		{"80/tcp", "http", "80", port.MatchPort},
		{"UDP/53", "domain", "53", port.MatchPort},
		{"dccp/5004", "avt-profile-1", "5004", port.MatchPort},
		{"domain", "domain", "53", port.MatchName},
		{"game", "gamegen1", "1738", port.MatchPrefix},
		{"teln", "telnet", "23", port.MatchPrefix},
		{"dom", "domain", "53", port.MatchPrefix},
	}
	for _, tt := range tests {
		got := r.Search(tt.query, 5)
		if len(got) == 0 {
			t.Errorf("Search(%q) found nothing; want %s %s", tt.query, tt.wantName, tt.wantPorts)
			continue
		}
		m := got[0]
		if m.Record.Name() != tt.wantName || m.Record.PortString() != tt.wantPorts || m.Kind != tt.wantKind {
			t.Errorf("Search(%q)[0] = %s %s (%v); want %s %s (%v)", tt.query, m.Record.Name(), m.Record.PortString(), m.Kind, tt.wantName, tt.wantPorts, tt.wantKind)
		}
		if m.Kind == port.MatchAlias && m.Alias != strings.ToLower(strings.TrimSpace(tt.query)) {
			t.Errorf("Search(%q)[0].Alias = %q", tt.query, m.Alias)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Kind < got[i-1].Kind {
				t.Errorf("Search(%q): %v after %v; want ranked by kind", tt.query, got[i].Kind, got[i-1].Kind)
			}
		}
	}
	if got := r.Search("a", 0); len(got) != port.DefaultSearchLimit {
		t.Errorf("len(Search(\"a\", 0)) = %d; want %d", len(got), port.DefaultSearchLimit)
	}
	if got := r.Search("", 10); got != nil {
		t.Errorf("Search(\"\") = %v; want nil", got)
	}
	// Prefix matches put shorter names first.
	got := r.Search("http", 3)
	if len(got) != 3 || got[2].Record.Name() != "https" || got[2].Kind != port.MatchPrefix {
		t.Errorf("Search(\"http\", 3) = %v; want http (tcp/udp, sctp), then https", got)
	}
}

// TestSearchRanksWellKnownFirst checks that among names that start with the
// query, those on well-known ports come first, each group by name length.
func TestSearchRanksWellKnownFirst(t *testing.T) {
	r := registry(t)
	for _, q := range []string{"game", "http", "ssh", "dns", "domain", "ftp", "sql", "tel"} {
		var prefixed []port.Record
		for _, m := range r.Search(q, 200) {
			if m.Kind == port.MatchPrefix {
				prefixed = append(prefixed, m.Record)
			}
		}
		for i := 1; i < len(prefixed); i++ {
			a, b := prefixed[i-1], prefixed[i]
			aw, bw := wellKnown(a), wellKnown(b)
			if !aw && bw || aw == bw && len(a.Name()) > len(b.Name()) {
				t.Errorf("Search(%q): %s %s before %s %s; want well-known ports first, then shorter names", q, a.Name(), a.PortString(), b.Name(), b.PortString())
			}
		}
	}
	// http-alt (591) is well-known and ranks before httpx (4180), though longer.
	var names []string
	for _, m := range r.Search("http", 200) {
		if m.Kind == port.MatchPrefix && !slices.Contains(names, m.Record.Name()) {
			names = append(names, m.Record.Name())
		}
	}
	if i, j := slices.Index(names, "http-alt"), slices.Index(names, "httpx"); i < 0 || j < 0 || i > j {
		t.Errorf("Search(\"http\") prefix names = %v; want http-alt before httpx", names)
	}
}

func wellKnown(rec port.Record) bool {
	first, _, ok := rec.Ports()
	return ok && first < 1024
}

func TestBest(t *testing.T) {
	r := registry(t)
	tests := []struct {
		query string
		want  string // the best match's service name; "" for none
	}{
		{"game", ""},
		{"http", "http"},
		{"HTTP", "http"},
		{"ssh", "ssh"},
		{"postgres", "postgresql"},
		{"postg", "postgresql"},
		{"dns", "domain"},
		{"domain", "domain"},
		{"80/tcp", "http"},
		{"udp/53", "domain"},
		{"22", "ssh"},
		{"secure shell", ""},
		{"zzzz-nothing", ""},
	}
	for _, tt := range tests {
		m, ok := port.Best(r.Search(tt.query, 50))
		got := ""
		if ok {
			got = m.Record.Name()
		}
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Best(Search(%q)) = %q, %v; want %q", tt.query, got, ok, tt.want)
		}
		if got == "gamegen1" {
			t.Errorf("Best(Search(%q)) = gamegen1, a name that merely starts with the query", tt.query)
		}
	}
	if _, ok := port.Best(nil); ok {
		t.Errorf("Best(nil) = _, true; want false")
	}
}

// TestAliases checks that every alias names a registry service with a port
// and is not itself the registry's spelling.
func TestAliases(t *testing.T) {
	r := registry(t)
	for _, a := range port.Aliases() {
		recs := r.Service(a.Service, 0)
		if len(recs) == 0 || !recs[0].HasPort() {
			t.Errorf("alias %q: registry has no service %q with a port", a.Name, a.Service)
		}
		for _, rec := range r.Service(a.Name, 0) {
			if rec.HasPort() {
				t.Errorf("alias %q: the registry already has %q on %s; no alias needed", a.Name, a.Name, rec.PortString())
			}
		}
	}
}

func TestEphemeralOverlap(t *testing.T) {
	r := registry(t)
	linux := r.EphemeralOverlap(port.Linux)
	if linux.First != 32768 || linux.Last != 49151 || linux.Ports < 100 || len(linux.Services) < linux.Ports/2 {
		t.Errorf("EphemeralOverlap(Linux) = %d-%d, %d ports, %d services; want 32768-49151 with many services",
			linux.First, linux.Last, linux.Ports, len(linux.Services))
	}
	for _, rec := range linux.Services {
		first, last, _ := rec.Ports()
		if !rec.IsAssigned() || last < 32768 || first > 49151 {
			t.Errorf("EphemeralOverlap(Linux) lists %s %s", rec.Name(), rec.PortString())
		}
	}
	t.Logf("%s", linux.Explain())
	for _, os := range []port.OS{port.Windows, port.MacOS} {
		if o := r.EphemeralOverlap(os); !o.IsEmpty() {
			t.Errorf("EphemeralOverlap(%v) = %d-%d; want empty", os, o.First, o.Last)
		}
	}
	if o := r.EphemeralOverlap(port.FreeBSD); o.First != 10000 || o.Last != 49151 {
		t.Errorf("EphemeralOverlap(FreeBSD) = %d-%d; want 10000-49151", o.First, o.Last)
	}
	if o := r.EphemeralOverlap(0); !o.IsEmpty() {
		t.Errorf("EphemeralOverlap(0) not empty")
	}
	one := port.EphemeralOverlap{OS: port.Linux, First: 32768, Last: 49151, Ports: 1, Services: r.Lookup(5432, port.TCP)[:1]}
	for _, tt := range []struct {
		o    port.EphemeralOverlap
		want string
	}{
		{one, "where 1 port carries 1 assigned service entry (for example postgresql 5432)"},
		{linux, fmt.Sprintf("where %d ports carry %d assigned service entries", linux.Ports, len(linux.Services))},
	} {
		if got := tt.o.Explain(); !strings.Contains(got, tt.want) || regexp.MustCompile(`\b1 (ports|assigned service entries)`).MatchString(got) {
			t.Errorf("(%+v).Explain() = %q; want %q", tt.o.Ports, got, tt.want)
		}
	}
}

func TestParseRegistryRejects(t *testing.T) {
	good, err := os.ReadFile("data/services.bin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "header"},
		{"csv", []byte("Service Name,Port Number\n"), "header"},
		{"truncated", good[:len(good)/2], "past the end"},
		{"trailing", append(append([]byte(nil), good...), 0), "after the last section"},
		{"too many records", []byte("NGPORTS1\x00\xff\xff\x03"), "cannot fit"},
	}
	for _, tt := range tests {
		_, err := port.ParseRegistry(tt.data)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseRegistry(%s) error = %v; want one containing %q", tt.name, err, tt.want)
		}
	}
}

func names(recs []port.Record) []string {
	var out []string
	for _, rec := range recs {
		out = append(out, rec.Name()+" "+rec.PortString()+"/"+rec.Transport().String())
	}
	return out
}
