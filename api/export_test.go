package api

// Routes lists the route table as "METHOD /path", for the tests of package api_test:
// they check it against the OpenAPI document without reaching into the package.
func Routes() []string {
	var out []string
	for _, rt := range (&handlers{}).routes() {
		out = append(out, rt.pattern())
	}
	return out
}

// NoRouteMessage starts the message of a 404 for a path the API does not have.
const NoRouteMessage = noRouteMessage
