package roster

import "cmp"

// The words of the internal site for the enums of the schemas. Each enum
// is a type of its own whose Zh method says it in Chinese, so templates
// never look a word up by a string key.

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

// levelZh is an honor's level in Chinese.
func levelZh(l string) string {
	return cmp.Or(map[string]string{"province": "省级", "city": "市级"}[l], l)
}
