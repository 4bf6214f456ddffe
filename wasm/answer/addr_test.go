package answer

import (
	"strings"
	"testing"
)

func TestDescribeAddressMAC(t *testing.T) {
	tests := []struct {
		in                             string
		mac, id, linkLocal, slaac, err string // err: a part of the error
		group                          bool
	}{
		{"34-56-78-9a-bc-de", "34:56:78:9a:bc:de", "3656:78ff:fe9a:bcde", "fe80::3656:78ff:fe9a:bcde", "2001:db8::3656:78ff:fe9a:bcde", "", false},
		{"34:56:78:9A:BC:DE", "34:56:78:9a:bc:de", "3656:78ff:fe9a:bcde", "fe80::3656:78ff:fe9a:bcde", "2001:db8::3656:78ff:fe9a:bcde", "", false},
		{" 3456.789a.bcde ", "34:56:78:9a:bc:de", "3656:78ff:fe9a:bcde", "fe80::3656:78ff:fe9a:bcde", "2001:db8::3656:78ff:fe9a:bcde", "", false},
		{"02:00:00:00:00:01", "02:00:00:00:00:01", "0:ff:fe00:1", "fe80::ff:fe00:1", "2001:db8::ff:fe00:1", "", false},
		{"33:33:ff:0e:8c:6c", "33:33:ff:0e:8c:6c", "", "", "", "", true},
		{"01:00:5e:00:00:fb", "01:00:5e:00:00:fb", "", "", "", "", true},
		{"ff:ff:ff:ff:ff:ff", "ff:ff:ff:ff:ff:ff", "", "", "", "", true},
		{"34:56:78:9a:bc", "", "", "", "", "5 groups", false},
		{"34-56-78-ff-fe-9a-bc-de", "", "", "", "", "EUI-64", false},
		{"3456.789a.bcd", "", "", "", "", "group 3", false},
		{"34:56:78:9a:bc:de:f0", "", "", "", "", `MAC address "34:56:78:9a:bc:de:f0"`, false},
	}
	for _, tt := range tests {
		v := DescribeAddress(tt.in)
		if tt.err != "" {
			if v.MAC != nil || !strings.Contains(v.Err, tt.err) {
				t.Errorf("DescribeAddress(%q): MAC %v, error %q; want an error with %q", tt.in, v.MAC, v.Err, tt.err)
			}
			continue
		}
		if v.Err != "" || v.MAC == nil {
			t.Errorf("DescribeAddress(%q): error %q, no MAC view", tt.in, v.Err)
			continue
		}
		m := v.MAC
		got := []string{m.MAC, m.InterfaceID, m.LinkLocal, m.SLAAC}
		want := []string{tt.mac, tt.id, tt.linkLocal, tt.slaac}
		if strings.Join(got, " ") != strings.Join(want, " ") || (m.Group != "") != tt.group {
			t.Errorf("DescribeAddress(%q) = %q, group %q; want %q, group %v", tt.in, got, m.Group, want, tt.group)
		}
		if tt.group == (m.Note != "") {
			t.Errorf("DescribeAddress(%q): note %q; want one only for an interface's MAC", tt.in, m.Note)
		}
		// The link-local address leads back to the MAC.
		if m.LinkLocal != "" {
			back := DescribeAddress(m.LinkLocal)
			if back.Link.EUI64MAC != m.MAC {
				t.Errorf("DescribeAddress(%q).Link.EUI64MAC = %q; want %q", m.LinkLocal, back.Link.EUI64MAC, m.MAC)
			}
		}
		html := AddrRegions(v, func(s string) string { return s }).HTML("addr-details")
		for _, f := range []string{"mac", "mac-kind"} {
			if !strings.Contains(html, `data-field="`+f+`"`) {
				t.Errorf("DescribeAddress(%q): details lack %s", tt.in, f)
			}
		}
		if has := strings.Contains(html, `data-field="eui64-link-local"`); has != (tt.linkLocal != "") {
			t.Errorf("DescribeAddress(%q): details show eui64-link-local: %v; want %v", tt.in, has, tt.linkLocal != "")
		}
	}
}

func TestDescribeAddressLink(t *testing.T) {
	tests := []struct {
		in                                       string
		solicited, solicitedMAC, eui64, mcastMAC string
		none                                     string // a part of the reason for no solicited-node group
	}{
		{"2001:db8::1", "ff02::1:ff00:1", "33:33:ff:00:00:01", "", "", ""},
		{"4037::1:800:200e:8c6c", "ff02::1:ff0e:8c6c", "33:33:ff:0e:8c:6c", "", "", ""},
		{"fe80::3656:78ff:fe9a:bcde", "ff02::1:ff9a:bcde", "33:33:ff:9a:bc:de", "34:56:78:9a:bc:de", "", ""},
		{"fe80::1%eth0", "ff02::1:ff00:1%eth0", "33:33:ff:00:00:01", "", "", ""},
		{"::1", "ff02::1:ff00:1", "33:33:ff:00:00:01", "", "", ""},
		{"::", "", "", "", "", "unspecified"},
		{"::ffff:192.0.2.1", "", "", "", "", "IPv4-mapped"},
		{"ff02::1", "", "", "", "33:33:00:00:00:01", ""},
		{"ff02::1:ff0e:8c6c", "", "", "", "33:33:ff:0e:8c:6c", ""},
		{"224.0.0.251", "", "", "", "01:00:5e:00:00:fb", ""},
		{"239.128.0.251", "", "", "", "01:00:5e:00:00:fb", ""},
		{"192.168.1.42", "", "", "", "", ""},
		{"127.0.0.1", "", "", "", "", ""},
	}
	for _, tt := range tests {
		v := DescribeAddress(tt.in)
		if v.Err != "" {
			t.Errorf("DescribeAddress(%q): %s", tt.in, v.Err)
			continue
		}
		l := v.Link
		got := []string{l.SolicitedNode, l.SolicitedNodeMAC, l.EUI64MAC, l.MulticastMAC}
		want := []string{tt.solicited, tt.solicitedMAC, tt.eui64, tt.mcastMAC}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("DescribeAddress(%q).Link = %q; want %q", tt.in, got, want)
		}
		if tt.none == "" && l.SolicitedNodeNone != "" || !strings.Contains(l.SolicitedNodeNone, tt.none) {
			t.Errorf("DescribeAddress(%q).Link.SolicitedNodeNone = %q; want %q in it", tt.in, l.SolicitedNodeNone, tt.none)
		}
		html := AddrRegions(v, func(s string) string { return s }).HTML("addr-details")
		for field, value := range map[string]string{"solicited-node": tt.solicited, "eui64-mac": tt.eui64, "multicast-mac": tt.mcastMAC} {
			if has := strings.Contains(html, `data-field="`+field+`"`); has != (value != "") {
				t.Errorf("DescribeAddress(%q): details show %s: %v; want %v", tt.in, field, has, value != "")
			}
		}
	}
}

// An IP address is never read as a MAC, even when it could look like one.
func TestDescribeAddressPrefersIP(t *testing.T) {
	for _, in := range []string{"1:2:3:4:5:6:7:8", "12:34:56:78:9a:bc:de:f0", "192.168.1.42"} {
		if v := DescribeAddress(in); v.MAC != nil || v.Err != "" {
			t.Errorf("DescribeAddress(%q): MAC %v, error %q; want the IP address", in, v.MAC, v.Err)
		}
	}
	for _, in := range []string{"1.2.3", "2001:db8:1:2:3", "example.com"} {
		if v := DescribeAddress(in); v.MAC != nil || strings.Contains(v.Err, "MAC") {
			t.Errorf("DescribeAddress(%q): MAC %v, error %q; want the address error", in, v.MAC, v.Err)
		}
	}
}
