package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ParsePrefixes reads a comma-separated list of addresses and networks
// ("10.0.0.0/8, 127.0.0.1") as given to --trusted-proxies.
func ParsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, err
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// behindProxies sets r.RemoteAddr to the visitor's address when the request comes
// from a trusted reverse proxy (a load balancer in front of several tdkt processes).
// The rate limits and the login throttle count by that address; without this every
// visitor would share the proxy's. X-Forwarded-For is read from the right, skipping
// the trusted hops, because anything left of them was written by the client and can
// be forged. A request from anywhere else has its forwarding headers dropped.
func behindProxies(trusted []netip.Prefix, next http.Handler) http.Handler {
	isTrusted := func(a netip.Addr) bool {
		a = a.Unmap()
		for _, p := range trusted {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		peer, err := netip.ParseAddrPort(r.RemoteAddr)
		if err != nil || len(trusted) == 0 || !isTrusted(peer.Addr()) {
			r.Header.Del("X-Forwarded-For")
			r.Header.Del("X-Forwarded-Proto")
			next.ServeHTTP(w, r)
			return
		}
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := hopAddr(hops[i])
			if err != nil {
				break // a garbled hop: keep the last address known to be real
			}
			if !isTrusted(a) || i == 0 {
				r.RemoteAddr = net.JoinHostPort(a.Unmap().String(), "0")
				break
			}
		}
		forwardedProto(r)
		next.ServeHTTP(w, r)
	})
}

// hopAddr reads one X-Forwarded-For entry: an address, or an address with a port as
// some balancers write it ("203.0.113.7:5678", "[2001:db8::1]:443").
func hopAddr(hop string) (netip.Addr, error) {
	hop = strings.TrimSpace(hop)
	a, err := netip.ParseAddr(strings.Trim(hop, "[]"))
	if err == nil {
		return a, nil
	}
	ap, perr := netip.ParseAddrPort(hop)
	if perr != nil {
		return netip.Addr{}, err
	}
	return ap.Addr(), nil
}
