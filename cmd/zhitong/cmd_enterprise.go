package main

import (
	"context"
	"fmt"
	"os"

	"zhitong/internal/fault"
)

// The enterprise registry from the command line: a district's file of
// market entities imported, as the page and the API import it.

const enterpriseImportAbout = `
Import a district's enterprise registry (市场主体名录) from FILE, .csv (UTF-8
or GB18030, as Excel saves it) or .xlsx, headed 统一社会信用代码, 企业名称 and
any of 行业 (a division of GB/T 4754-2017, by code or name), 所属镇街, 规模
(大型/中型/小型/微型/个体), 地址, 联系人, 联系电话, 标签. Every entity is added,
or updated when its credit code is registered (a blank cell leaves what is
registered), all in one transaction — or, when any row has a problem, none:
every problem is printed with its line, and the command fails. --dry-run
checks the file and writes nothing.
Usage: zhitong enterprise import FILE --district ID [--dry-run]`

func enterpriseCommands() []command {
	return []command{
		{"enterprise import", "import a district's enterprise registry from a .csv or .xlsx file", enterpriseImportAbout, runEnterpriseImport},
	}
}

func runEnterpriseImport(ctx context.Context, c *cli, args []string) error {
	const cmd = "enterprise import"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	district := fs.Int64("district", 0, "the id of the district whose registry it is (required; see 'zhitong unit list')")
	dry := fs.Bool("dry-run", false, "check every row and write nothing")
	file, err := c.parseOne(cmd, fs, args, "registry file")
	if err != nil {
		return err
	}
	if err := required(cmd, fs, "district"); err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return usagef(cmd, "%v", err)
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.registries.Import(ctx, operator(), *district, data, file, *dry)
	if res != nil {
		for _, p := range res.Problems {
			col := ""
			if p.Column != "" {
				col = " " + p.Column
			}
			fmt.Fprintf(c.stderr, "line %d%s: %s\n", p.Line, col, p.Message(c.lang()))
		}
	}
	if err != nil {
		return err
	}
	verb := "imported"
	if *dry {
		verb = "checked (nothing written)"
	}
	fmt.Fprintf(c.stdout, "%s: %d rows, %d ready, %d new, %d updated, %d with problems\n", verb, res.Lines, res.Ready, res.Created,
		res.Updated, len(res.Problems))
	if *dry && len(res.Problems) > 0 {
		return fault.E(fault.Invalid, "registry.refused", len(res.Problems))
	}
	return nil
}
