package api

// privacyRoutes lists the routes of this file's concern; see routes.go.
func (s *server) privacyRoutes() []route { return nil }
