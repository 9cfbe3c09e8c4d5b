package main

// benchLoadCommands is 'bench load'.
func benchLoadCommands() []command { return nil }
