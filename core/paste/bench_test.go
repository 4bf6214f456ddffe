package paste_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/netground/netground/core/paste"
)

// bigLines is the size of the benchmarks' pastes: the 10,000 lines.
const bigLines = 10_000

// bigPaste returns a 10,000-line paste: ss, docker ps and ip addr, then
// many more ss rows.
func bigPaste() string {
	var b strings.Builder
	b.WriteString(devMachine)
	b.WriteString(ssHeader + "\n")
	for i := strings.Count(devMachine, "\n") + 1; i < bigLines; i++ {
		fmt.Fprintf(&b, "tcp   LISTEN 0      511        10.%d.%d.%d:%d        0.0.0.0:*    users:((\"worker\",pid=%d,fd=20))\n", i>>16&255, i>>8&255, i&255, 1024+i%60000, i)
	}
	return b.String()
}

// procs are process names for the generated listings: databases, dev
// servers and system daemons, so that the findings have work to do.
var procs = []string{"postgres", "node", "nginx", "sshd", "redis-server", "java", "python3", "mysqld", "code", "systemd-resolve"}

// bigLocalAddr returns the local address of a generated listener: the
// wildcards, loopback and the LAN address of devMachine, as on a busy
// server.
func bigLocalAddr(i int) string {
	switch i % 6 {
	case 0:
		return "0.0.0.0"
	case 1:
		return "127.0.0.1"
	case 2:
		return "[::]"
	case 3:
		return "*"
	case 4:
		return "192.168.1.23"
	}
	return "[::1]"
}

// bigSS is `ss -ltnup` with 10,000 lines: listeners on many ports, a
// few established rows among them.
func bigSS() string {
	var b strings.Builder
	b.WriteString("alice@server:~$ sudo ss -tanup\n" + ssHeader + "\n")
	for i := 2; i < bigLines; i++ {
		state, proto, peer := "LISTEN", "tcp", "0.0.0.0:*"
		switch {
		case i%10 == 7:
			state, peer = "ESTAB", "192.168.1.50:51234"
		case i%10 == 9:
			state, proto = "UNCONN", "udp"
		}
		fmt.Fprintf(&b, "%s   %-6s 0      511    %15s:%-5d %20s    users:((\"%s\",pid=%d,fd=%d))\n",
			proto, state, bigLocalAddr(i), 1024+i%50000, peer, procs[i%len(procs)], 1000+i, 3+i%40)
	}
	return b.String()
}

// bigNetstat is Linux `netstat -tulnp` with 10,000 lines.
func bigNetstat() string {
	var b strings.Builder
	b.WriteString("Active Internet connections (only servers)\n" + linuxNetstat + "\n")
	for i := 2; i < bigLines; i++ {
		local := map[int]string{0: "0.0.0.0", 1: "127.0.0.1", 2: "::", 3: "::1", 4: "192.168.1.23", 5: "0.0.0.0"}[i%6]
		if strings.Contains(local, ":") {
			fmt.Fprintf(&b, "tcp6       0      0 %s:%-5d %24s LISTEN      %d/%s\n", local, 1024+i%50000, ":::*", 1000+i, procs[i%len(procs)])
			continue
		}
		fmt.Fprintf(&b, "tcp        0      0 %s:%-5d %22s LISTEN      %d/%s\n", local, 1024+i%50000, "0.0.0.0:*", 1000+i, procs[i%len(procs)])
	}
	return b.String()
}

// bigWinNetstat is Windows' `netstat -ano` with 10,000 lines.
func bigWinNetstat() string {
	var b strings.Builder
	b.WriteString(winHeader + "\r\n")
	for i := 4; i < bigLines; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "  TCP    0.0.0.0:%-5d           0.0.0.0:0              LISTENING       %d\r\n", 1024+i%50000, 1000+i)
		case 1:
			fmt.Fprintf(&b, "  TCP    [::]:%-5d              [::]:0                 LISTENING       %d\r\n", 1024+i%50000, 1000+i)
		case 2:
			fmt.Fprintf(&b, "  TCP    192.168.1.23:%-5d      140.82.112.25:443      ESTABLISHED     %d\r\n", 1024+i%50000, 1000+i)
		default:
			fmt.Fprintf(&b, "  UDP    127.0.0.1:%-5d         *:*                                    %d\r\n", 1024+i%50000, 1000+i)
		}
	}
	return b.String()
}

// bigDocker is `docker ps` with 10,000 containers, each publishing ports.
func bigDocker() string {
	var b strings.Builder
	b.WriteString(dockerHeader + "\n")
	images := []string{"postgres:16", "redis:7-alpine", "nginx:1.27", "my/app:latest", "mongo:7"}
	for i := 1; i < bigLines; i++ {
		var ports string
		hp := 10000 + i%50000
		switch i % 5 {
		case 0:
			ports = fmt.Sprintf("0.0.0.0:%d->5432/tcp, :::%d->5432/tcp", hp, hp)
		case 1:
			ports = fmt.Sprintf("127.0.0.1:%d->6379/tcp", hp)
		case 2:
			ports = fmt.Sprintf("0.0.0.0:%d->80/tcp, [::]:%d->80/tcp", hp, hp)
		case 3:
			ports = "8000/tcp"
		default:
			ports = fmt.Sprintf("0.0.0.0:%d->27017/tcp", hp)
		}
		fmt.Fprintf(&b, "%012x   %-20s \"docker-entrypoint.s…\"   2 hours ago    Up 2 hours   %-44s svc-%d\n",
			0x1000000000+i, images[i%len(images)], ports, i)
	}
	return b.String()
}

// bigPods is `kubectl get pods -A -o wide` with 10,000 pods on 50 nodes.
func bigPods() string {
	var b strings.Builder
	b.WriteString("NAMESPACE     NAME                               READY   STATUS    RESTARTS      AGE   IP              NODE        NOMINATED NODE   READINESS GATES\n")
	for i := 1; i < bigLines; i++ {
		name := fmt.Sprintf("web%d-7d4b9c8f6-x%04d", i%97, i%10000)
		fmt.Fprintf(&b, "%-13s %-34s 1/1     Running   %-13s 5d    10.244.%d.%-5d node-%03d    <none>           <none>\n",
			[]string{"default", "kube-system", "shop"}[i%3], name, []string{"0", "2 (3d ago)"}[i%2], i/250, i%250+2, i%50)
	}
	return b.String()
}

// bigKinds are the 10,000-line pastes of each kind the issue names.
var bigKinds = []struct {
	name string
	text func() string
	kind paste.Kind
}{
	{"mixed", bigPaste, paste.KindSockets},
	{"ss", bigSS, paste.KindSockets},
	{"netstat", bigNetstat, paste.KindSockets},
	{"winnetstat", bigWinNetstat, paste.KindSockets},
	{"docker", bigDocker, paste.KindContainers},
	{"pods", bigPods, paste.KindCluster},
}

func TestBigPaste(t *testing.T) {
	for _, k := range bigKinds {
		in := k.text()
		if n := strings.Count(in, "\n"); n < bigLines-1 || n > bigLines {
			t.Errorf("%s: %d lines; want %d", k.name, n, bigLines)
		}
		r := paste.Classify(in)
		if r.Kind != k.kind {
			t.Errorf("Classify(big %s) = %v: %s", k.name, r.Kind, r.Summary)
			continue
		}
		if m := r.Machine; m.Skipped > 0 {
			t.Errorf("big %s: %d lines skipped", k.name, m.Skipped)
		}
		if c := r.Cluster; c.Skipped > 0 {
			t.Errorf("big %s: %d rows skipped", k.name, c.Skipped)
		}
		checkResult(t, k.name, r)
	}
}

func benchBig(b *testing.B, f func(string)) {
	for _, k := range bigKinds {
		b.Run(k.name, func(b *testing.B) {
			in := k.text()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				f(in)
			}
		})
	}
}

// BenchmarkClassify10kLines: what the page waits for, Classify with the
// findings it lists.
func BenchmarkClassify10kLines(b *testing.B) {
	benchBig(b, func(in string) { paste.Classify(in) })
}

// BenchmarkParse10kLines: the parsers alone.
func BenchmarkParse10kLines(b *testing.B) {
	benchBig(b, func(in string) {
		paste.ParseMachine(in)
		paste.ParseCluster(in)
	})
}

func BenchmarkClassifyError(b *testing.B) {
	for b.Loop() {
		paste.Classify("dial tcp [::1]:8080: connect: connection refused")
	}
}
