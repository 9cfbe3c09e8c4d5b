package account

// Burned is how many password verifications were spent on no real hash.
func Burned() int64 { return burned.Load() }
