package main

// benchCommands are the benchmark's subcommands: the data generator
// (cmd_bench_load.go) and the measurement (cmd_bench_run.go).
func benchCommands() []command {
	var cs []command
	cs = append(cs, benchLoadCommands()...)
	cs = append(cs, benchRunCommands()...)
	return cs
}
