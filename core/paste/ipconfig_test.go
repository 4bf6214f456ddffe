package paste_test

import (
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/paste"
	"github.com/netground/netground/core/scenario"
)

// ipconfigSamples are German, French and Spanish Windows' ipconfig and
// ipconfig /all, as they print them, in testdata/ipconfig: each
// adapter's addresses (IPv4 with the subnet mask's length, IPv6 as /64,
// zones dropped) and the gateway of the adapter that has one. Suffixes
// such as (Bevorzugt), (préféré) and (Preferido) are dropped; so is the
// unspecified gateway :: of a Teredo tunnel.
var ipconfigSamples = []struct {
	file    string
	want    map[string][]string
	gateway map[string]string
}{
	{"de-1.txt", map[string][]string{"Ethernet": {"2001:db8:1234:5600::23/64", "2001:db8:1234:5600:a1b2:c3d4:e5f6:789/64", "fe80::1c2b:3d4e:5f60:7182/64", "192.168.178.23/24"}, "WLAN": nil},
		map[string]string{"Ethernet": "192.168.178.1"}},
	{"de-2.txt", map[string][]string{"Ethernet 2": {"fe80::9d1e:22ab:4c3f:1d07/64", "10.20.30.40/16"}}, map[string]string{"Ethernet 2": "10.20.0.1"}},
	{"de-3.txt", map[string][]string{"vEthernet (WSL (Hyper-V firewall))": {"fe80::5d2f:8a1b:9c3e:4f60/64", "172.29.160.1/20"}, "WLAN": {"192.168.2.105/24"}},
		map[string]string{"WLAN": "192.168.2.1"}},
	{"de-4.txt", map[string][]string{"Ethernet": nil, "LAN-Verbindung* 1": nil, "WLAN": {"fd12:3456:789a:1::42/64", "fe80::e1d2:c3b4:a596:8778/64", "192.168.0.42/24"}},
		map[string]string{"WLAN": "192.168.0.1"}},
	{"de-5.txt", map[string][]string{"OpenVPN Data Channel Offload": nil, "Ethernet": {"169.254.12.34/16"}, "Bluetooth-Netzwerkverbindung": nil}, nil},
	{"fr-1.txt", map[string][]string{"Ethernet": {"2a01:e0a:1b2:c3d0::23/64", "2a01:e0a:1b2:c3d0:5d1e:22ab:4c3f:1d07/64", "fe80::1c2b:3d4e:5f60:7182/64", "192.168.1.23/24"}, "Wi-Fi": nil},
		map[string]string{"Ethernet": "192.168.1.254"}},
	{"fr-2.txt", map[string][]string{"Ethernet 2": {"fe80::9d1e:22ab:4c3f:1d07/64", "10.20.30.40/16"}}, map[string]string{"Ethernet 2": "10.20.0.1"}},
	{"fr-3.txt", map[string][]string{"vEthernet (Default Switch)": {"fe80::8a2c:41f0:2b9e:77d1/64", "172.23.96.1/20"}, "Wi-Fi": {"192.168.1.37/24"}},
		map[string]string{"Wi-Fi": "192.168.1.254"}},
	{"fr-4.txt", map[string][]string{"Ethernet": nil, "Connexion au réseau local* 1": nil, "Wi-Fi": {"fd00:abcd:1::42/64", "fe80::e1d2:c3b4:a596:8778/64", "192.168.0.42/24"}},
		map[string]string{"Wi-Fi": "192.168.0.1"}},
	{"fr-5.txt", map[string][]string{"OpenVPN Wintun": nil, "Ethernet": {"169.254.12.34/16"},
		"Teredo Tunneling Pseudo-Interface": {"2001:0:2851:782c:1c2b:3d4e:5f60:7182/64", "fe80::1c2b:3d4e:5f60:7182/64"}}, nil},
	{"es-1.txt", map[string][]string{"Ethernet": {"2001:db8:ab:cd00::23/64", "2001:db8:ab:cd00:5d1e:22ab:4c3f:1d07/64", "fe80::1c2b:3d4e:5f60:7182/64", "192.168.1.23/24"}, "Wi-Fi": nil},
		map[string]string{"Ethernet": "192.168.1.1"}},
	{"es-2.txt", map[string][]string{"Ethernet 2": {"fe80::9d1e:22ab:4c3f:1d07/64", "10.20.30.40/16"}}, map[string]string{"Ethernet 2": "10.20.0.1"}},
	{"es-3.txt", map[string][]string{"vEthernet (WSL)": {"fe80::8a2c:41f0:2b9e:77d1/64", "172.18.80.1/20"}, "Wi-Fi": {"192.168.100.7/24"}},
		map[string]string{"Wi-Fi": "192.168.100.1"}},
	{"es-4.txt", map[string][]string{"Ethernet": nil, "Conexión de área local* 1": nil, "Wi-Fi": {"fd00:1:2:3::42/64", "fe80::e1d2:c3b4:a596:8778/64", "192.168.0.42/24"}},
		map[string]string{"Wi-Fi": "192.168.0.1"}},
	{"es-5.txt", map[string][]string{"OpenVPN Wintun": nil, "Ethernet": {"169.254.12.34/16"},
		"Teredo Tunneling Pseudo-Interface": {"2001:0:2851:782c:1c2b:3d4e:5f60:7182/64", "fe80::1c2b:3d4e:5f60:7182/64"}}, nil},
}

func readIpconfigSample(t testing.TB, file string) string {
	b, err := os.ReadFile(filepath.Join("testdata", "ipconfig", file))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestIpconfigLanguages(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "ipconfig", "*.txt"))
	if len(files) != len(ipconfigSamples) {
		t.Errorf("testdata/ipconfig has %d samples; the table has %d", len(files), len(ipconfigSamples))
	}
	for _, tt := range ipconfigSamples {
		text := readIpconfigSample(t, tt.file)
		m := paste.ParseMachine(text)
		got := map[string][]string{}
		gws := map[string]string{}
		for _, it := range m.Interfaces {
			var ps []string
			for _, p := range it.Addrs {
				ps = append(ps, p.String())
			}
			got[it.Name] = ps
			if it.Gateway.IsValid() {
				gws[it.Name] = it.Gateway.String()
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("ParseMachine(%s): interfaces %q; want %q", tt.file, got, tt.want)
		}
		for name, want := range tt.want {
			if !slices.Equal(got[name], want) {
				t.Errorf("ParseMachine(%s): %s has %v; want %v", tt.file, name, got[name], want)
			}
		}
		if len(gws) != len(tt.gateway) {
			t.Errorf("ParseMachine(%s): gateways %v; want %v", tt.file, gws, tt.gateway)
		}
		for name, want := range tt.gateway {
			if gws[name] != want {
				t.Errorf("ParseMachine(%s): %s's gateway %q; want %q", tt.file, name, gws[name], want)
			}
		}
		if m.OS != bind.Windows || m.Skipped != 0 {
			t.Errorf("ParseMachine(%s): OS %v, %d lines skipped; want windows, 0", tt.file, m.OS, m.Skipped)
		}
		r := paste.Classify(text)
		if r.Kind != paste.KindInterfaces || r.Page != scenario.WidgetBind {
			t.Errorf("Classify(%s) = %v on %v; want interfaces on bind", tt.file, r.Kind, r.Page)
		}
		checkResult(t, tt.file, r)
	}
}

// TestIpconfigLAN checks that a German ipconfig makes the Bind lab's host
// the user's: its LAN is the adapter with the default gateway.
func TestIpconfigLAN(t *testing.T) {
	for _, tt := range []struct{ file, lan string }{
		{"de-1.txt", "192.168.178.23/24"}, {"fr-3.txt", "192.168.1.37/24"}, {"es-2.txt", "10.20.30.40/16"},
	} {
		r := paste.Classify(readIpconfigSample(t, tt.file))
		s := openBindLink(t, r.Link)
		if s.Host.LAN != netip.MustParsePrefix(tt.lan) || s.OS != bind.Windows {
			t.Errorf("Classify(%s): the lab's LAN is %v on %v; want %s on windows", tt.file, s.Host.LAN, s.OS, tt.lan)
		}
	}
}

// TestIpconfigField reads single lines in each language's layout.
func TestIpconfigField(t *testing.T) {
	for _, tt := range []struct {
		text, name string
		want       []string
	}{
		{"Ethernet-Adapter Ethernet:\n   IPv4-Adresse  . . . . . . . . . . : 192.168.1.23(bevorzugt) \n   Subnetzmaske  . . . . . . . . . . : 255.255.255.0", "Ethernet", []string{"192.168.1.23/24"}},
		{"Carte Ethernet Ethernet :\n   Adresse IPv4. . . . . . . . . . . . . .: 192.168.1.23(préféré)\n   Masque de sous-réseau. . . . . . . . . : 255.255.255.128", "Ethernet", []string{"192.168.1.23/25"}},
		{"Adaptador de Ethernet Ethernet:\n   Dirección IPv4. . . . . . . . . . . . . . : 192.168.1.23(Preferido)\n   Máscara de subred . . . . . . . . . . . . : 255.255.0.0", "Ethernet", []string{"192.168.1.23/16"}},
		{"Ethernet adapter Ethernet:\n   IPv4 Address. . . . . . . . . . . : 192.168.1.23(Preferred)\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0", "Ethernet", []string{"192.168.1.23/24"}},
		{"Adaptador de LAN inalámbrica Wi-Fi:\n   Vínculo: dirección IPv6 local. . . : fe80::1%12", "Wi-Fi", []string{"fe80::1/64"}},
		{"Drahtlos-LAN-Adapter WLAN:\n   Verbindungslokale IPv6-Adresse  . : fe80::a:b:c:d%7(Bevorzugt)", "WLAN", []string{"fe80::a:b:c:d/64"}},
		{"Carte réseau sans fil Wi-Fi :\n   Adresse IPv6 de liaison locale. . . . .: fe80::2%3", "Wi-Fi", []string{"fe80::2/64"}},
	} {
		m := paste.ParseMachine(tt.text)
		if len(m.Interfaces) != 1 || m.Interfaces[0].Name != tt.name {
			t.Errorf("ParseMachine(%q) = %+v; want one interface %q", tt.text, m.Interfaces, tt.name)
			continue
		}
		var got []string
		for _, p := range m.Interfaces[0].Addrs {
			got = append(got, p.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ParseMachine(%q) addresses %v; want %v", tt.text, got, tt.want)
		}
	}
}

func FuzzIpconfig(f *testing.F) {
	for _, tt := range ipconfigSamples {
		f.Add(readIpconfigSample(f, tt.file))
	}
	f.Fuzz(func(t *testing.T, in string) {
		m := paste.ParseMachine(in)
		for _, it := range m.Interfaces {
			for _, p := range it.Addrs {
				if !p.IsValid() || p.Addr().Zone() != "" {
					t.Fatalf("ParseMachine(%q): %s has %v", in, it.Name, p)
				}
			}
		}
		s, _ := m.Scenario()
		if err := s.Validate(); err != nil {
			t.Fatalf("ParseMachine(%q): scenario: %v", in, err)
		}
		checkResult(t, in, paste.Classify(in))
	})
}
