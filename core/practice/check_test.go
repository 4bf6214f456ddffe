package practice_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/practice"
	"github.com/netground/netground/core/subnet"
)

// TestCheckers lists, for each checker, answers that must be accepted (every
// correct way of writing them) and near misses that must be rejected with
// the reason given.
func TestCheckers(t *testing.T) {
	host := netip.MustParseAddr("192.168.37.130")
	network := practice.CheckAddr(netip.MustParseAddr("192.168.32.0"), practice.SubnetNear(host, 20, "network address"))
	broadcast := practice.CheckAddr(netip.MustParseAddr("192.168.47.255"), practice.SubnetNear(host, 20, "broadcast address"))
	loop6 := practice.CheckAddr(netip.IPv6Loopback(), nil)
	ten8 := practice.CheckPrefix(netip.MustParsePrefix("10.0.0.0/8"))
	v6net := practice.CheckPrefix(netip.MustParsePrefix("2001:db8:40::/42"))
	big := practice.CheckCount(subnet.CountOf(16777216), nil)
	huge := practice.CheckCount(subnet.Pow2(72), nil)
	usable := practice.CheckRange(netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.254"), nil)
	canon := practice.CheckCanonical(netip.MustParseAddr("2001:db8::ff00:42:8329"))
	canon1 := practice.CheckCanonical(netip.MustParseAddr("2001:db8:0:1:1:1:1:1"))
	endpoint := practice.CheckAddrPort(netip.MustParseAddrPort("203.0.113.7:50001"), nil)
	names := practice.CheckNames([]string{"postgres", "postgresql"}, map[string]string{"mysql": "mysql uses port 3306"})
	length := practice.CheckLength(20, nil)
	portCheck := practice.CheckPort(443, nil)

	tests := []struct {
		name   string
		check  func(string) practice.Feedback
		answer string
		ok     bool
		reason string // a part of the message of a rejection
	}{
		{"network", network, "192.168.32.0", true, ""},
		{"network", network, "  192.168.32.0 ", true, ""},
		{"network", network, "192.168.47.255", false, "that is the broadcast address, not the network address"},
		{"network", network, "192.168.37.130", false, "host's own address"},
		{"network", network, "192.168.32.1", false, "first usable address"},
		{"network", network, "192.168.0.0", false, "the network address of the /16"},
		{"network", network, "192.168.32.0/20", false, "without the prefix length"},
		{"network", network, "192.168.032.0", false, "not an address"},
		{"network", network, "::1", false, "IPv4"},
		{"broadcast", broadcast, "192.168.47.255", true, ""},
		{"broadcast", broadcast, "192.168.32.0", false, "that is the network address, not the broadcast address"},
		{"broadcast", broadcast, "192.168.47.254", false, "last usable address"},
		{"loopback", loop6, "::1", true, ""},
		{"loopback", loop6, "0:0:0:0:0:0:0:1", true, ""},
		{"loopback", loop6, "0000:0000:0000:0000:0000:0000:0000:0001", true, ""},
		{"loopback", loop6, "[::1]", true, ""},
		{"loopback", loop6, "::2", false, "not the address"},
		{"loopback", loop6, "127.0.0.1", false, "IPv6"},
		{"prefix", ten8, "10.0.0.0/8", true, ""},
		{"prefix", ten8, "10.0.0.0 255.0.0.0", true, ""},
		{"prefix", ten8, "10.0.0.0/255.0.0.0", true, ""},
		{"prefix", ten8, " 10.0.0.0/8 ", true, ""},
		{"prefix", ten8, "10.0.0.0 0.255.255.255", true, "wildcard"},
		{"prefix", ten8, "10.0.0.0/16", false, "right network address, wrong prefix length"},
		{"prefix", ten8, "10.0.0.0 255.255.0.0", false, "right network address, wrong prefix length"},
		{"prefix", ten8, "11.0.0.0/8", false, "right prefix length, wrong network"},
		{"prefix", ten8, "10.1.2.3/8", false, "host bits set"},
		{"prefix", ten8, "10.0.0.0", false, "give the prefix length too"},
		{"prefix", ten8, "10.0.0.0/33", false, "not a subnet"},
		{"prefix", ten8, "0.0.0.0/0", false, "wrong prefix length"},
		{"prefix6", v6net, "2001:db8:40::/42", true, ""},
		{"prefix6", v6net, "2001:0DB8:0040:0000::/42", true, ""},
		{"prefix6", v6net, "2001:db8:40::/48", false, "right network address, wrong prefix length"},
		{"count", big, "16777216", true, ""},
		{"count", big, "16,777,216", true, ""},
		{"count", big, "16 777 216", true, ""},
		{"count", big, "16\u202f777\u202f216", true, ""},
		{"count", big, "16_777_216", true, ""},
		{"count", big, "2^24", true, ""},
		{"count", big, "2**24", true, ""},
		{"count", big, "16777214", false, "too few"},
		{"count", big, "2^25", false, "too many"},
		{"count", big, "-16777216", false, "not a number"},
		{"count", big, "sixteen million", false, "not a number"},
		{"count", huge, "4722366482869645213696", true, ""},
		{"count", huge, "2^72", true, ""},
		{"range", usable, "10.0.0.1 - 10.0.0.254", true, ""},
		{"range", usable, "10.0.0.1–10.0.0.254", true, ""},
		{"range", usable, "10.0.0.1 to 10.0.0.254", true, ""},
		{"range", usable, "10.0.0.1, 10.0.0.254", true, ""},
		{"range", usable, "10.0.0.1 10.0.0.254", true, ""},
		{"range", usable, "10.0.0.254 - 10.0.0.1", false, "the first comes first"},
		{"range", usable, "10.0.0.0 - 10.0.0.255", false, "both ends are wrong"},
		{"range", usable, "10.0.0.1 - 10.0.0.255", false, "right first address, wrong last"},
		{"range", usable, "10.0.0.1", false, "type two addresses"},
		{"canonical", canon, "2001:db8::ff00:42:8329", true, ""},
		{"canonical", canon, " 2001:db8::ff00:42:8329 ", true, ""},
		{"canonical", canon, "2001:DB8::FF00:42:8329", false, "lowercase"},
		{"canonical", canon, "2001:0db8::ff00:0042:8329", false, "leading zeros"},
		{"canonical", canon, "2001:db8:0:0:0:ff00:42:8329", false, "shorten the longest run"},
		{"canonical", canon, "2001:db8::ff00:42:8328", false, "another address"},
		{"canonical", canon1, "2001:db8::1:1:1:1:1", false, "single zero group"},
		{"endpoint", endpoint, "203.0.113.7:50001", true, ""},
		{"endpoint", endpoint, " 203.0.113.7:50001 ", true, ""},
		{"endpoint", endpoint, "203.0.113.7:50000", false, "right address, wrong port"},
		{"endpoint", endpoint, "192.168.1.10:50001", false, "right port, wrong address"},
		{"endpoint", endpoint, "203.0.113.7", false, "add the port"},
		{"names", names, "postgres", true, ""},
		{"names", names, "PostgreSQL", true, ""},
		{"names", names, "  Postgres ", true, ""},
		{"names", names, "postgres://", true, ""},
		{"names", names, "mysql", false, "3306"},
		{"length", length, "20", true, ""},
		{"length", length, "/20", true, ""},
		{"length", length, " /20 ", true, ""},
		{"length", length, "/21", false, "not the prefix length"},
		{"length", length, "255.255.240.0", false, "that is a mask"},
		{"port", portCheck, "443", true, ""},
		{"port", portCheck, ":443", true, ""},
		{"port", portCheck, "80", false, "not the port"},
		{"port", portCheck, "70000", false, "0 to 65535"},
	}
	for _, tt := range tests {
		f := tt.check(tt.answer)
		if f.Correct != tt.ok {
			t.Errorf("%s: Check(%q) = %+v; want correct=%v", tt.name, tt.answer, f, tt.ok)
			continue
		}
		if !tt.ok && !strings.HasPrefix(f.Message, "wrong: ") {
			t.Errorf("%s: Check(%q) message %q does not start with \"wrong: \"", tt.name, tt.answer, f.Message)
		}
		if tt.ok && !strings.HasPrefix(f.Message, "correct") {
			t.Errorf("%s: Check(%q) message %q does not start with \"correct\"", tt.name, tt.answer, f.Message)
		}
		if tt.reason != "" && !strings.Contains(f.Message, tt.reason) {
			t.Errorf("%s: Check(%q) = %q; want it to say %q", tt.name, tt.answer, f.Message, tt.reason)
		}
	}
}

func TestBlankAnswer(t *testing.T) {
	q := practice.Generate(practice.TopicSubnet, 1, 1, 0)
	for _, s := range []string{"", "   ", "\t\n"} {
		if f := q.Check(s); !f.Blank || f.Correct {
			t.Errorf("Check(%q) = %+v; want blank", s, f)
		}
	}
	if f := (practice.Question{}).Check("x"); f.Correct {
		t.Errorf("the zero Question accepted an answer")
	}
}

func TestParseTopics(t *testing.T) {
	tests := []struct {
		in, want string
		err      bool
	}{
		{"subnet,nat", "subnet,nat", false},
		{"nat,subnet", "subnet,nat", false},
		{" NAT , Subnet,subnet ", "subnet,nat", false},
		{"neighbors", "neighbours", false},
		{"all", "addr,subnet,neighbours,split,ports,bind,nat,k8s", false},
		{"subnet,dns", "subnet", true},
		{"toolbox,errors,all", "addr,subnet,neighbours,split,ports,bind,nat,k8s,errors,toolbox", false},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := practice.ParseTopics(tt.in)
		if practice.JoinTopics(got) != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseTopics(%q) = %q, %v; want %q, error %v", tt.in, practice.JoinTopics(got), err, tt.want, tt.err)
		}
	}
}

// TestSetIsDeterministic checks that a set depends only on its seed, topics
// and level, and that the digest of one set is the same on every platform:
// this test also runs under GOOS=js GOARCH=wasm.
func TestSetIsDeterministic(t *testing.T) {
	t.Parallel() // generating thousands of questions: the slowest tests of the package
	a := practice.NewSet(42, []practice.Topic{practice.TopicNAT, practice.TopicSubnet}, 2, 10)
	b := practice.NewSet(42, []practice.Topic{practice.TopicSubnet, practice.TopicNAT}, 2, 10)
	if a.Hash() != b.Hash() {
		t.Errorf("the order of topics changed the set")
	}
	if c := practice.NewSet(43, a.Topics, 2, 10); c.Hash() == a.Hash() {
		t.Errorf("seeds 42 and 43 gave the same set")
	}
	for level := practice.MinLevel; level <= practice.MaxLevel; level++ {
		all := practice.NewSet(2026, practice.DefaultTopics(), level, practice.MaxCount)
		if got, want := all.Hash(), goldenHashes[level]; got != want {
			t.Errorf("level %d: NewSet(2026, default topics).Hash() = %s; want %s", level, got, want)
		}
		errs := practice.NewSet(2026, []practice.Topic{practice.TopicErrors}, level, practice.MaxCount)
		if got, want := errs.Hash(), goldenErrorsHashes[level]; got != want {
			t.Errorf("level %d: NewSet(2026, errors).Hash() = %s; want %s", level, got, want)
		}
		toolbox := practice.NewSet(2026, []practice.Topic{practice.TopicToolbox}, level, practice.MaxCount)
		if got, want := toolbox.Hash(), goldenToolboxHashes[level]; got != want {
			t.Errorf("level %d: NewSet(2026, toolbox).Hash() = %s; want %s", level, got, want)
		}
	}
	// A topic added later changes no question of the others: a set of
	// every topic asks, at each place, what the topic's own set asks.
	every := practice.NewSet(7, practice.Topics(), 2, practice.MaxCount)
	for i, q := range every.Questions {
		if want := practice.Generate(q.Topic, 2, 7, i); q.Text != want.Text || q.Answer != want.Answer {
			t.Errorf("question %d of every topic differs from Generate(%s, 2, 7, %d)", i, q.Topic, i)
		}
	}
}

// goldenHashes are the digests of NewSet(2026, DefaultTopics(), level,
// MaxCount): the eight topics a link without topics means, unchanged since
// before "errors" was added. They change when a generator changes; they
// must never differ between platforms.
var goldenHashes = map[int]string{
	1: "ebd276bad0b429291c9defa2cb12beb6d7a32c97eb4d4932edf86b769ac7a5f9",
	2: "f835e96ce1186327ba0562cd507adb36604bcb8624f7cb6a5b266e5b82227492",
	3: "95aa6ef1a6a928e24e33fa60c2b6a3ada89d378616ea4be0a0b4ef9aaed0da8b",
}

// goldenErrorsHashes are the digests of NewSet(2026, errors, level,
// MaxCount).
var goldenErrorsHashes = map[int]string{
	1: "442ac7bb45e7d70433388b8c09e66db4ae07b129d7e8f8212e035cf85c77cb79",
	2: "f88ed2ef2fe1c01397b75939a6e618882f53c717a2368ca1b4286d4bd05bdee4",
	3: "92a8434657d21ed425bbc0de8087e79cee102ab1340488ed2b055f9a49e3649c",
}

// goldenToolboxHashes are the digests of NewSet(2026, toolbox, level,
// MaxCount).
var goldenToolboxHashes = map[int]string{
	1: "a01a76831851cfc75fad7ed66442c25b3439323a9b20bc5525343352d5a43046",
	2: "d29d266999d871619535615236b796176876ed8a06b6aa415f2745a84341cc3b",
	3: "305d1f08722e69af09c868cb1eb6ed6c842f1f4dcf41a36d553bc7e51916561a",
}

func TestScore(t *testing.T) {
	answers := []string{"10.0.0.1", "", "yes", "255.0.0.0"}
	feedback := []practice.Feedback{{Correct: true}, {}, {Correct: false}, {Correct: true}}
	if a, r := practice.Score(answers, feedback); a != 3 || r != 2 {
		t.Errorf("Score = %d answered, %d right; want 3 and 2", a, r)
	}
	if a, r := practice.Score(nil, nil); a != 0 || r != 0 {
		t.Errorf("Score of nothing = %d, %d; want 0, 0", a, r)
	}
}
