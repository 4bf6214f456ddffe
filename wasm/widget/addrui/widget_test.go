package addrui

import (
	"strings"
	"testing"
)

func TestAddrWidgetSurvivesEveryInput(t *testing.T) {
	inputs := []string{"", " ", "[", "[]", "%", "::ffff:1.2.3.4%", "1.2.3.4/33", strings.Repeat("9", 10000), "\x00", "\u202e", "fe80::1%" + strings.Repeat("z", 300), "34:56:78:9a:bc:de", "33:33:00:00:00:01", "34:56:78:9a:bc", "::-::", "ff:ff:ff:ff:ff:ff"}
	for _, in := range inputs {
		c := &addrWidget{input: in}
		c.Protect(in, c.compute)
		if c.Failed() {
			t.Errorf("input %q: computation panicked: %s", in, c.Failure())
		}
		if c.view.Err == "" && c.view.Canonical == "" && c.view.MAC == nil {
			t.Errorf("input %q: neither a result nor an error", in)
		}
	}
}
