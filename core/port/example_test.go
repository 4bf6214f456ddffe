package port_test

import (
	"fmt"
	"os"

	"github.com/netground/netground/core/port"
)

func ExampleParsePort() {
	for _, s := range []string{"443", "65536", "080", "8o80"} {
		p, err := port.ParsePort(s)
		fmt.Println(p, err)
	}
	// Output:
	// 443 <nil>
	// 0 port "65536": 65536 is out of range; a port is a number from 0 to 65535
	// 0 port "080": leading zero; write "80"
	// 0 port "8o80": 'o' at offset 1 is not a digit
}

func ExampleRangeOf() {
	for _, p := range []uint16{0, 22, 5432, 50000} {
		r := port.RangeOf(p)
		fmt.Printf("%d: %s (%d-%d)\n", p, r.Name(), r.First(), r.Last())
	}
	// Output:
	// 0: port 0 (reserved) (0-0)
	// 22: well-known ports (system ports) (1-1023)
	// 5432: registered ports (user ports) (1024-49151)
	// 50000: dynamic ports (private, ephemeral) (49152-65535)
}

func ExampleEphemeral() {
	for _, os := range port.OSes() {
		first, last := port.Ephemeral(os)
		fmt.Printf("%v: %d-%d\n", os, first, last)
	}
	// Output:
	// Linux: 32768-60999
	// Windows: 49152-65535
	// macOS: 49152-65535
	// FreeBSD: 10000-65535
}

func ExampleParseSocket() {
	for _, s := range []string{"[fe80::1%eth0]:22", ":8080", "::1:80"} {
		sock, err := port.ParseSocket(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%v host=%q port=%d all-interfaces=%v\n", sock, sock.Host(), sock.Port(), sock.IsAllInterfaces())
	}
	// Output:
	// [fe80::1%eth0]:22 host="fe80::1%eth0" port=22 all-interfaces=false
	// :8080 host="" port=8080 all-interfaces=true
	// socket "::1:80": ambiguous: an IPv6 address with a port needs brackets; write [::1]:80, or [::1:80]:PORT if all of ::1:80 is the address
}

func ExampleParseURL() {
	for _, s := range []string{"https://example.com/", "postgres://user:pw@[::1]/db", "foo://example.com"} {
		e, err := port.ParseURL(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%v: %s\n", e.Socket(), e.Explain())
	}
	// Output:
	// example.com:443: no port given, so https uses its default 443
	// [::1]:5432: no port given, so postgres uses its default 5432
	// url "foo://example.com": unknown scheme "foo", so the port is unknown (no default); add one: foo://example.com:PORT
}

func ExampleRegistry_Search() {
	// In the browser the bytes come from fetching data/services.bin.
	data, err := os.ReadFile("data/services.bin")
	if err != nil {
		panic(err)
	}
	r, err := port.ParseRegistry(data)
	if err != nil {
		panic(err)
	}
	for _, m := range r.Search("postgres", 2) {
		fmt.Printf("%s %s/%v (%v %q): %s\n", m.Record.Name(), m.Record.PortString(), m.Record.Transport(), m.Kind, m.Alias, m.Record.Description())
	}
	for _, rec := range r.Lookup(6010, port.TCP) {
		fmt.Printf("6010/tcp: %s %s %s\n", rec.Name(), rec.PortString(), rec.Description())
	}
	// Output:
	// postgresql 5432/tcp/udp (alias "postgres"): PostgreSQL Database
	// pgbackrest 8432/tcp (description ""): PostgreSQL Backup
	// 6010/tcp: x11 6000-6063 X Window System
}
