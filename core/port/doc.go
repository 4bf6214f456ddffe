// Package port knows about transport-layer ports: the IANA Service Name and
// Transport Protocol Port Number registry, the port ranges of RFC 6335 and
// the operating systems' ephemeral ranges, sockets written as host:port, and
// the default ports of URL schemes.
//
// The registry is not compiled in. go generate turns the IANA CSV in data/
// into the compact data/services.bin (about 300 kB, 93 kB with brotli), which
// the web app ships as a static file, fetches when it first needs it and lets
// its service worker cache; ParseRegistry decodes it. Everything else in the
// package works without it.
package port

//go:generate go run ./internal/gen -in data/service-names-port-numbers.csv -out data/services.bin
