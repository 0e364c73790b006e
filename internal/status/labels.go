package status

import (
	"strconv"
)

// labels are the Chinese words for the enums of the schemas, by field.
var labels = map[string]map[string]string{
	"task": {
		"not_started": "未开始", "in_progress": "进行中", "done": "已完成", "blocked": "受阻",
		"": "未报",
	},
	"scope": {"city": "全市", "each_jurisdiction": "各县（市、区）"},
	"hero":  {"pending": "待确认", "confirmed": "已确认", "withdrawn": "已撤销"},
	"outcome": {
		"unharmed": "未受伤", "injured": "受伤", "disabled": "致残", "deceased": "牺牲", "missing": "失踪",
	},
	"deed":   {"rescue": "救人", "stop_crime": "制止违法犯罪", "disaster_relief": "抢险救灾", "other": "其他"},
	"gender": {"male": "男", "female": "女"},
	"occasion": {
		"spring_festival": "春节", "qingming": "清明", "mid_autumn": "中秋", "summer_care": "夏季送清凉",
		"recuperation": "疗休养", "summer_camp": "夏令营", "education_aid": "助学", "hospital": "医院探望",
		"other": "其他",
	},
	"level": {"province": "省级", "city": "市级"},
}

// occasions is the order of the visit occasions in the schema.
var occasions = []string{
	"spring_festival", "qingming", "mid_autumn", "summer_care", "recuperation",
	"summer_camp", "education_aid", "hospital", "other",
}

// taskStatuses is the order of task statuses on the board.
var taskStatuses = []string{"done", "in_progress", "not_started", "blocked"}

// label returns the Chinese word for value of the enum kind, or value
// itself when there is none.
func label(kind, value string) string {
	if w, ok := labels[kind][value]; ok {
		return w
	}
	return value
}

// Yuan is an amount of whole yuan.
type Yuan int

// Zh writes the amount with digit grouping and its unit: 12,000 元.
func (y Yuan) Zh() string {
	n := int(y)
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out) + " 元"
	}
	return string(out) + " 元"
}
