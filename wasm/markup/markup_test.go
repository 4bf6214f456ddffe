package markup

import "testing"

func TestString(t *testing.T) {
	for _, tt := range []struct {
		n    Node
		want string
	}{
		{Node{}, ""},
		{Text(`a < b & "c"`), `a &lt; b &amp; &#34;c&#34;`},
		{El("p").Field("x").Body(Text("1"), If(false, Text("2")), If(true, El("br"))), `<p data-field="x">1<br></p>`},
		{El("td").Attr("title", `"><script>`).Body(Text("<i>")), `<td title="&#34;&gt;&lt;script&gt;">&lt;i&gt;</td>`},
		{El("ul", Each(3, func(i int) Node { return El("li", Text(string(rune('a'+i)))) })), `<ul><li>a</li><li>b</li><li>c</li></ul>`},
	} {
		if got := tt.n.String(); got != tt.want {
			t.Errorf("got %s; want %s", got, tt.want)
		}
	}
	// Attributes added to a copy do not show in the original.
	base := El("p").Class("a")
	one, two := base.Attr("id", "1"), base.Attr("id", "2")
	if one.String() != `<p class="a" id="1"></p>` || two.String() != `<p class="a" id="2"></p>` {
		t.Errorf("copies share attributes: %s %s", one, two)
	}
}

func TestName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"sysctl net.ipv4.ip_local_port_range", "sysctl net.<wbr>ipv4.<wbr>ip_<wbr>local_<wbr>port_<wbr>range"},
		{"netsh int ipv4", "netsh int ipv4"},
		{"a.", "a.<wbr>"},
		{"<x>.y", "&lt;x&gt;.<wbr>y"},
		{"", ""},
	} {
		if got := Name(tt.in).String(); got != tt.want {
			t.Errorf("Name(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
