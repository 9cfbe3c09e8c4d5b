package fault

// Messages of the command line and the demo data.
func init() {
	add(map[string]message{
		"demo.notempty": {"数据库中已有单位数据，演示数据只能装入空数据库", "The database already holds units; demo data go into an empty database only"},
		"cli.nouser":    {"用户 %s 不存在", "There is no user %s"},
	})
}
