package api

// sessionRoutes lists the routes of this file's concern; see routes.go.
func (s *server) sessionRoutes() []route { return nil }
