package main

// backupCommands are the subcommands of this file's concern; see commands().
func backupCommands() []command { return nil }
