package bind_test

import (
	"net/netip"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/field"
)

func TestListenInput(t *testing.T) {
	for _, tt := range []struct {
		in     bind.ListenInput
		fields string
		want   string // the action's socket address, when it reads
	}{
		{bind.ListenInput{Addr: "0.0.0.0", Port: "80"}, "", "0.0.0.0:80"},
		{bind.ListenInput{Addr: " [::1] ", Port: " 65535 "}, "", "[::1]:65535"},
		{bind.ListenInput{Addr: "::", Port: "0"}, "", "[::]:0"},
		{bind.ListenInput{Addr: "::ffff:127.0.0.1", Port: "8080"}, "", "[::ffff:127.0.0.1]:8080"},
		{bind.ListenInput{Addr: "localhost", Port: "80"}, "addr", ""},
		{bind.ListenInput{Addr: "10.0.0.1", Port: "65536"}, "port", ""},
		{bind.ListenInput{Addr: "10.0.0.1", Port: "-1"}, "port", ""},
		{bind.ListenInput{Addr: "", Port: ""}, "addr,port", ""},
	} {
		a, err := tt.in.Action()
		if got := strings.Join(field.Fields(err), ","); got != tt.fields {
			t.Errorf("%+v: errors at %q (%v); want at %q", tt.in, got, err, tt.fields)
			continue
		}
		if tt.want != "" {
			if got := netip.AddrPortFrom(a.Addr, uint16(a.Port)).String(); got != tt.want || a.Do != bind.Listen {
				t.Errorf("%+v: %v on %s; want listen on %s", tt.in, a.Do, got, tt.want)
			}
		}
	}
	// IPV6_V6ONLY is an IPv6 socket's option: an IPv4 address drops it.
	if a, _ := (bind.ListenInput{Addr: "0.0.0.0", Port: "80", V6Only: "on"}).Action(); a.V6Only != bind.Default {
		t.Errorf("v6only on an IPv4 socket = %v; want the default", a.V6Only)
	}
	if a, _ := (bind.ListenInput{Addr: "::", Port: "80", V6Only: "off", Proto: "udp"}).Action(); a.V6Only != bind.Off || a.Proto != bind.UDP {
		t.Errorf("v6only off, udp = %v, %v", a.V6Only, a.Proto)
	}
}

func TestConnectInput(t *testing.T) {
	for _, tt := range []struct {
		in     bind.ConnectInput
		fields string
		to     string
	}{
		{bind.ConnectInput{From: "host", To: "localhost", Port: "80"}, "", "localhost"},
		{bind.ConnectInput{From: "lan", To: "[2001:DB8::1]", Port: "443"}, "", "2001:db8::1"},
		{bind.ConnectInput{From: "container:web", To: "127.0.0.1", Port: "5432", Client: "first-only"}, "", "127.0.0.1"},
		{bind.ConnectInput{From: "mars", To: "127.0.0.1:80", Port: "x"}, "from,to,port", ""},
	} {
		a, err := tt.in.Action()
		if got := strings.Join(field.Fields(err), ","); got != tt.fields {
			t.Errorf("%+v: errors at %q (%v); want at %q", tt.in, got, err, tt.fields)
		}
		if err == nil && a.To != tt.to {
			t.Errorf("%+v: to %q; want %q", tt.in, a.To, tt.to)
		}
	}
}

func TestPublishInput(t *testing.T) {
	a, err := bind.PublishInput{Container: "web", HostPort: "8080", Port: "80"}.Action()
	if err != nil || a.Do != bind.Publish || a.Publish.HostPort != 8080 || a.Publish.Port != 80 || a.Publish.Addr.IsValid() {
		t.Errorf("publish 8080:80 = %+v, %v", a.Publish, err)
	}
	_, err = bind.PublishInput{Container: "web", HostAddr: "x", HostPort: "70000", Port: ""}.Action()
	if got := strings.Join(field.Fields(err), ","); got != "publish.hostAddr,publish.hostPort,publish.port" {
		t.Errorf("errors at %q (%v)", got, err)
	}
}

// FuzzInputs: any text reads as an action or as field errors quoting it
// at a bounded length, never a panic.
func FuzzInputs(f *testing.F) {
	f.Add("0.0.0.0", "80", "host", "localhost")
	f.Add("[::1]", "65535", "container:web", "::ffff:10.0.0.1")
	f.Add("fe80::1%eth0", "0x50", "internet", "")
	f.Fuzz(func(t *testing.T, addr, port, from, to string) {
		check := func(a bind.Action, err error) {
			for _, path := range field.Fields(err) {
				if path == "" {
					t.Errorf("an error names no field: %v", err)
				}
			}
			if err != nil && utf8.ValidString(addr+port+from+to) && len(err.Error()) > 2000 {
				t.Errorf("an error of %d bytes", len(err.Error()))
			}
			if err == nil && (a.Port < 0 || a.Port > 65535) {
				t.Errorf("port %d read from %q", a.Port, port)
			}
		}
		check(bind.ListenInput{Addr: addr, Port: port}.Action())
		check(bind.ConnectInput{From: from, To: to, Port: port}.Action())
		a, err := bind.PublishInput{Container: from, HostAddr: addr, HostPort: port, Port: port}.Action()
		check(a, err)
	})
}
