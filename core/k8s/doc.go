// Package k8s simulates pod and Service addressing in a Kubernetes cluster:
// a cluster CIDR carved into per-node pod CIDRs, pods getting the next free
// address of their node's range, replacements getting new addresses, and a
// Service's stable ClusterIP and DNS name in front of endpoints that follow
// the ready pods.
//
// A Scenario holds the cluster (CIDRs, nodes, deployments, services) and a
// list of actions (delete or restart a pod, scale, mark a pod ready or not,
// connect). Run applies them in order and returns for each a Result with a
// Verdict and the path in plain words, and the State after it. Check reports
// overlapping ranges and capacity limits.
//
// The simulation is deterministic. Where Kubernetes picks at random (a
// Service's ClusterIP, kube-proxy's choice of endpoint, pod name suffixes)
// the simulator picks in a fixed order and says so; the rules are in the
// doc comments of Run.
package k8s
