package api

// auditRoutes lists the routes of this file's concern; see routes.go.
func (s *server) auditRoutes() []route { return nil }
