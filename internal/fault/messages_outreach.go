package fault

func init() {
	add(map[string]message{
		"visit.date":     {"走访日期应在最近一年内，且不晚于今天", "The visit's date must be within the last year and not after today"},
		"visit.too_many": {"一次走访最多登记 %d 件诉求", "At most %d appeals may be filed at one visit"},
	})
}

func init() {
	add(map[string]message{
		"coverage.days": {"天数应为 1 至 366", "days must be from 1 to 366"},
	})
}
