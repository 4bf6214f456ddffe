package paste

// warmSamples are short listings of the kinds a big paste usually is.
var warmSamples = []string{
	"Netid State  Recv-Q Send-Q      Local Address:Port   Peer Address:PortProcess\n" +
		`tcp   LISTEN 0      511        127.0.0.1:3000        0.0.0.0:*    users:(("node",pid=1234,fd=20))` + "\n" +
		`tcp   LISTEN 0      4096         0.0.0.0:5432        0.0.0.0:*    users:(("postgres",pid=812,fd=6))` + "\n" +
		`tcp   LISTEN 0      4096            [::1]:6379           [::]:*    users:(("redis-server",pid=901,fd=7))` + "\n",
	"Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n" +
		"tcp        0      0 0.0.0.0:3306            0.0.0.0:*               LISTEN      1201/mysqld\n" +
		"tcp6       0      0 :::22                   :::*                    LISTEN      644/sshd\n",
	"CONTAINER ID   IMAGE                  COMMAND                  CREATED        STATUS                  PORTS                                       NAMES\n" +
		`3f2a1b9c8d7e   postgres:16            "docker-entrypoint.s…"   2 hours ago    Up 2 hours              0.0.0.0:5432->5432/tcp, :::5432->5432/tcp   db` + "\n" +
		`9a8b7c6d5e4f   redis:7-alpine         "docker-entrypoint.s…"   2 hours ago    Up 2 hours              127.0.0.1:6379->6379/tcp                    cache` + "\n",
	"NAMESPACE     NAME                               READY   STATUS    RESTARTS      AGE   IP              NODE        NOMINATED NODE   READINESS GATES\n" +
		"default       web-7d4b9c8f6-x2b4c                1/1     Running   0             5d    10.244.1.12     node-1      <none>           <none>\n" +
		"kube-system   coredns-5d78c9869d-bcdfg           0/1     Running   2 (3d ago)    5d    10.244.0.3      node-2      <none>           <none>\n",
}

// WarmUp reads a short listing of each kind a big paste usually is (ss,
// netstat, docker ps, kubectl get pods) and drops the answers. A browser
// compiles WebAssembly code when it first runs it, and optimises it when
// it has run for a while: run at idle, WarmUp takes that cost off the
// first real paste.
func WarmUp() {
	for _, s := range warmSamples {
		Classify(s)
	}
}
