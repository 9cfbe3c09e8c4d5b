package main

// auditCommands are the subcommands of this file's concern; see commands().
func auditCommands() []command { return nil }
