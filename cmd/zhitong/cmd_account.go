package main

// accountCommands are the subcommands of this file's concern; see commands().
func accountCommands() []command { return nil }
