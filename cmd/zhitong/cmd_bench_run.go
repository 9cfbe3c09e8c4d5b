package main

// benchRunCommands is 'bench run'.
func benchRunCommands() []command { return nil }
