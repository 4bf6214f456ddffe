// Package paste reads what people paste into Netground's one box and says
// what it is and where its answer is: an address, a prefix, a range, a
// port, a socket, a URL, an error message, or the output of ss, netstat,
// lsof, docker ps, ip addr, ifconfig, ipconfig or kubectl.
//
// Classify is the entry point. For a simple value it returns the link of
// the page that answers it (/addr, /subnet, /plan, /ports). For an error
// message, Diagnose names the socket error, the address and port it is
// about, explains it in plain words with the usual causes ranked and the
// man page or document it rests on, and builds a lab scenario that
// reproduces it with those numbers: the Bind lab's, or the NAT lab's for
// a home router or a carrier-grade NAT, or the Kubernetes lab's for a
// ClusterIP, a pod address or kubectl without a kubeconfig. For tool
// output, ParseMachine and ParseCluster turn the listings into a Bind or
// Kubernetes lab of the user's own machine or cluster, with findings about
// the usual mistakes; ipconfig is read in English, German, French and
// Spanish.
//
// Privacy: everything is parsed in the caller's process (the browser) and
// nothing is sent anywhere. The links a Result carries hold only parsed
// values or the scenario built from them, never the raw paste: a URL loses
// its user, password, path and query, and a listing becomes a scenario.
//
// Hostile input is bounded: at most MaxBytes are read, at most MaxLines
// lines, each cut to MaxLineBytes; a NUL byte marks binary input, which is
// not parsed further. Result.Notes says what was left out. The work is
// linear in the input, a 10,000-line paste takes a few milliseconds.
package paste
