package status

import (
	"cmp"
	"strconv"
)

// The words of the internal site for the enums of the schemas. Each enum
// is a type of its own whose Zh method says it in Chinese, so templates
// never look a word up by a string key.

// TaskStatus is where a task, or a jurisdiction on a task, stands; ""
// when a jurisdiction has not reported.
type TaskStatus string

var taskWords = map[TaskStatus]string{
	"not_started": "未开始", "in_progress": "进行中", "done": "已完成", "blocked": "受阻", "": "未报",
}

// Zh is the status in Chinese.
func (s TaskStatus) Zh() string { return cmp.Or(taskWords[s], string(s)) }

// Class is the status as a CSS class suffix: "none" when not reported.
func (s TaskStatus) Class() string { return cmp.Or(string(s), "none") }

// taskStatuses is the order of task statuses on the board.
var taskStatuses = []TaskStatus{"done", "in_progress", "not_started", "blocked"}

// HeroStatus is where a hero's record stands.
type HeroStatus string

var heroWords = map[HeroStatus]string{"pending": "待确认", "confirmed": "已确认", "withdrawn": "已撤销"}

// Zh is the status in Chinese.
func (s HeroStatus) Zh() string { return cmp.Or(heroWords[s], string(s)) }

// Outcome is what the deed cost the hero.
type Outcome string

var outcomeWords = map[Outcome]string{
	"unharmed": "未受伤", "injured": "受伤", "disabled": "致残", "deceased": "牺牲", "missing": "失踪",
}

// Zh is the outcome in Chinese.
func (o Outcome) Zh() string { return cmp.Or(outcomeWords[o], string(o)) }

// DeedKind is the kind of a deed.
type DeedKind string

var deedWords = map[DeedKind]string{"rescue": "救人", "stop_crime": "制止违法犯罪", "disaster_relief": "抢险救灾", "other": "其他"}

// Zh is the kind in Chinese.
func (k DeedKind) Zh() string { return cmp.Or(deedWords[k], string(k)) }

// Gender is a hero's gender.
type Gender string

// Zh is the gender in Chinese.
func (g Gender) Zh() string {
	return cmp.Or(map[Gender]string{"male": "男", "female": "女"}[g], string(g))
}

// Scope says whether a task is the city's or each jurisdiction's.
type Scope string

// Zh is the scope in Chinese.
func (s Scope) Zh() string {
	return cmp.Or(map[Scope]string{"city": "全市", "each_jurisdiction": "各县（市、区）"}[s], string(s))
}

// occasions is the order of the visit occasions in the schema.
var occasions = []string{
	"spring_festival", "qingming", "mid_autumn", "summer_care", "recuperation",
	"summer_camp", "education_aid", "hospital", "other",
}

var occasionWords = map[string]string{
	"spring_festival": "春节", "qingming": "清明", "mid_autumn": "中秋", "summer_care": "夏季送清凉",
	"recuperation": "疗休养", "summer_camp": "夏令营", "education_aid": "助学", "hospital": "医院探望",
	"other": "其他",
}

// occasionZh is a visit's occasion in Chinese.
func occasionZh(o string) string { return cmp.Or(occasionWords[o], o) }

// levelZh is an honor's level in Chinese.
func levelZh(l string) string {
	return cmp.Or(map[string]string{"province": "省级", "city": "市级"}[l], l)
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
