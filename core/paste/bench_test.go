package paste_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/netground/netground/core/paste"
)

// bigPaste returns a 10,000-line paste: ss, docker ps and ip addr, then
// many more ss rows.
func bigPaste() string {
	var b strings.Builder
	b.WriteString(devMachine)
	b.WriteString(ssHeader + "\n")
	for i := strings.Count(devMachine, "\n") + 1; i < 10_000; i++ {
		fmt.Fprintf(&b, "tcp   LISTEN 0      511        10.%d.%d.%d:%d        0.0.0.0:*    users:((\"worker\",pid=%d,fd=20))\n", i>>16&255, i>>8&255, i&255, 1024+i%60000, i)
	}
	return b.String()
}

func TestBigPaste(t *testing.T) {
	in := bigPaste()
	r := paste.Classify(in)
	if r.Kind != paste.KindSockets {
		t.Fatalf("Classify(big paste) = %v: %s", r.Kind, r.Summary)
	}
	checkResult(t, "big paste", r)
}

func BenchmarkClassify10kLines(b *testing.B) {
	in := bigPaste()
	b.SetBytes(int64(len(in)))
	b.ReportMetric(float64(strings.Count(in, "\n")), "lines")
	for b.Loop() {
		paste.Classify(in)
	}
}

func BenchmarkClassifyError(b *testing.B) {
	for b.Loop() {
		paste.Classify("dial tcp [::1]:8080: connect: connection refused")
	}
}
