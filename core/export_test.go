package core

// SetPasswordChecked makes tests count the passwords a Service checks.
func SetPasswordChecked(s *Service, fn func()) { s.passwordChecked = fn }
