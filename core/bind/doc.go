// Package bind simulates how processes bind sockets on a host and how
// connections from different vantage points reach them: the host's loopback,
// LAN and Docker bridge interfaces, containers with their own network
// namespace and published ports, a LAN neighbour and the internet behind the
// host's router.
//
// A Scenario holds the topology, the sockets open at the start and a list of
// actions (listen, bind, close, publish, connect, change how localhost
// resolves or how the client dials). Run applies the actions one by one and
// returns, for each, a Result with a Verdict and the chain of plain-words
// reasons, and the State after it. State.Matrix connects every vantage point
// to every listening socket.
//
// The bind rules follow the OS chosen in the scenario (Linux by default,
// macOS or Windows); see OS. Processes inside a container always follow the
// Linux rules, since containers run on a Linux kernel (on macOS and Windows,
// inside Docker Desktop's virtual machine).
//
// The simulation is deterministic: the same scenario always gives the same
// results, so a shared link shows exactly what its author saw.
package bind
