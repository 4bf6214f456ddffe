package port_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/port"
)

func TestParsePort(t *testing.T) {
	tests := []struct {
		in      string
		want    uint16
		wantErr string // substring of the error; "" for success
	}{
		{"0", 0, ""},
		{"1", 1, ""},
		{"80", 80, ""},
		{"1023", 1023, ""},
		{"1024", 1024, ""},
		{"49151", 49151, ""},
		{"49152", 49152, ""},
		{"65535", 65535, ""},
		{"65536", 0, `port "65536": 65536 is out of range`},
		{"99999", 0, "99999 is out of range"},
		{"100000", 0, `port "100000": out of range`},
		{"99999999999999999999999", 0, "out of range"},
		{"-1", 0, `port "-1": negative`},
		{"+80", 0, `without a sign: "80"`},
		{"080", 0, `port "080": leading zero; write "80"`},
		{"00", 0, `leading zero; write "0"`},
		{"8o80", 0, `port "8o80": 'o' at offset 1 is not a digit`},
		{"", 0, `port "": empty`},
		{" 80", 0, `' ' at offset 0`},
		{"80 ", 0, `' ' at offset 2`},
		{"８０", 0, `'８' at offset 0`},
		{"0x50", 0, `'x' at offset 1`},
	}
	for _, tt := range tests {
		got, err := port.ParsePort(tt.in)
		switch {
		case tt.wantErr == "" && (err != nil || got != tt.want):
			t.Errorf("ParsePort(%q) = %d, %v; want %d, nil", tt.in, got, err, tt.want)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("ParsePort(%q) error = %v; want one containing %q", tt.in, err, tt.wantErr)
		}
		if err == nil && strconv.Itoa(int(got)) != tt.in {
			t.Errorf("ParsePort(%q) = %d does not print back as the input", tt.in, got)
		}
	}
}

func TestRangeOf(t *testing.T) {
	tests := []struct {
		port uint16
		want port.Range
	}{
		{0, port.ZeroPort},
		{1, port.SystemPorts},
		{1023, port.SystemPorts},
		{1024, port.UserPorts},
		{49151, port.UserPorts},
		{49152, port.DynamicPorts},
		{65535, port.DynamicPorts},
	}
	for _, tt := range tests {
		got := port.RangeOf(tt.port)
		if got != tt.want {
			t.Errorf("RangeOf(%d) = %v; want %v", tt.port, got, tt.want)
		}
		if !got.Contains(tt.port) || tt.port < got.First() || tt.port > got.Last() {
			t.Errorf("(%v).Contains(%d) = false or outside %d-%d", got, tt.port, got.First(), got.Last())
		}
		if got.Name() == "" || got.Explain() == "" {
			t.Errorf("RangeOf(%d) = %v has no name or explanation", tt.port, got)
		}
	}
	// The ranges tile 0-65535 with no gap.
	next := 0
	for _, r := range []port.Range{port.ZeroPort, port.SystemPorts, port.UserPorts, port.DynamicPorts} {
		if int(r.First()) != next {
			t.Errorf("(%v).First() = %d; want %d", r, r.First(), next)
		}
		next = int(r.Last()) + 1
	}
	if next != 65536 {
		t.Errorf("ranges end at %d; want 65535", next-1)
	}
}

func TestEphemeral(t *testing.T) {
	tests := []struct {
		os          port.OS
		first, last uint16
	}{
		{port.Linux, 32768, 60999},
		{port.Windows, 49152, 65535},
		{port.MacOS, 49152, 65535},
		{port.FreeBSD, 10000, 65535},
		{0, 0, 0},
	}
	for _, tt := range tests {
		first, last := port.Ephemeral(tt.os)
		if first != tt.first || last != tt.last {
			t.Errorf("Ephemeral(%v) = %d, %d; want %d, %d", tt.os, first, last, tt.first, tt.last)
		}
		if tt.os != 0 && tt.os.EphemeralSetting() == "" {
			t.Errorf("(%v).EphemeralSetting() is empty", tt.os)
		}
	}
	if len(port.OSes()) != 4 {
		t.Errorf("OSes() = %v", port.OSes())
	}
}

func TestTransport(t *testing.T) {
	tests := []struct {
		in   string
		want port.Transport
		out  string
	}{
		{"", 0, ""},
		{"tcp", port.TCP, "tcp"},
		{"UDP", port.UDP, "udp"},
		{"udp/tcp", port.TCP | port.UDP, "tcp/udp"},
		{"sctp/dccp", port.SCTP | port.DCCP, "sctp/dccp"},
	}
	for _, tt := range tests {
		got, err := port.ParseTransport(tt.in)
		if err != nil || got != tt.want || got.String() != tt.out {
			t.Errorf("ParseTransport(%q) = %v, %v; want %v", tt.in, got, err, tt.out)
		}
	}
	if _, err := port.ParseTransport("quic"); err == nil || !strings.Contains(err.Error(), `"quic"`) {
		t.Errorf("ParseTransport(\"quic\") error = %v", err)
	}
}

func TestParsePortTransport(t *testing.T) {
	tests := []struct {
		in   string
		port uint16
		want port.Transport
		err  string // substring of the error; "" for none
	}{
		{"80/tcp", 80, port.TCP, ""},
		{"udp/53", 53, port.UDP, ""},
		{"53/UDP", 53, port.UDP, ""},
		{"TCP/443", 443, port.TCP, ""},
		{"sctp/2905", 2905, port.SCTP, ""},
		{"5004/Dccp", 5004, port.DCCP, ""},
		{"80/tpc", 0, 0, `port "80/tpc": "tpc" is not tcp, udp, sctp or dccp`},
		{"80/", 0, 0, `"" is not tcp, udp, sctp or dccp`},
		{"99999/tcp", 0, 0, `port "99999": 99999 is out of range`},
		{"080/tcp", 0, 0, `leading zero`},
		{"80/tcp/udp", 0, 0, "write a port and a transport, such as 80/tcp or udp/53"},
		{"tcp/udp", 0, 0, "write a port and a transport"},
		{"80", 0, 0, "write a port and a transport"},
	}
	for _, tt := range tests {
		p, tr, err := port.ParsePortTransport(tt.in)
		if p != tt.port || tr != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParsePortTransport(%q) = %d, %v, %v; want %d, %v, error containing %q", tt.in, p, tr, err, tt.port, tt.want, tt.err)
		}
	}
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"80/tcp", true}, {"udp/53", true}, {"80/tpc", true}, {"tcp/udp", false},
		{"80", false}, {"http://x/", false}, {"10.0.0.0/8", false}, {"80/", false}, {"/tcp", false},
	} {
		if got := port.IsPortTransportLike(tt.in); got != tt.want {
			t.Errorf("IsPortTransportLike(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzParsePort(f *testing.F) {
	for _, s := range []string{"0", "80", "65535", "65536", "-1", "080", "8o80", "", "+1", "99999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := port.ParsePort(s)
		// Model: strconv with the same rules spelled out.
		n, serr := strconv.ParseUint(s, 10, 16)
		canonical := serr == nil && strconv.FormatUint(n, 10) == s
		if (err == nil) != canonical {
			t.Fatalf("ParsePort(%q) error = %v; strconv says %d, %v", s, err, n, serr)
		}
		if err == nil && (uint64(p) != n || strconv.Itoa(int(p)) != s) {
			t.Fatalf("ParsePort(%q) = %d; want %d", s, p, n)
		}
		if err != nil && !strings.Contains(err.Error(), strconv.Quote(s)) {
			t.Fatalf("ParsePort(%q) error %q does not quote the input", s, err)
		}
	})
}
