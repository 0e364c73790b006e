package public

import (
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// Withheld says why a hero is not on the public roll; "" when the hero is.
type Withheld string

const (
	Published         Withheld = ""
	NotConfirmed      Withheld = "not confirmed" // pending: the police have not confirmed the deed
	WithdrawnRecord   Withheld = "withdrawn"     // withdrawn records are never published
	NoConsent         Withheld = "no consent"    // public.consent is not true
	NoGuardianConsent Withheld = "minor without guardian consent"
	UnknownStatus     Withheld = "unknown status"
)

// Publication decides whether h may be on the public roll on the build date
// today (DESIGN §4, §5 rule 7): only a confirmed hero who consented, and
// while under 18 only with a guardian's consent as well. Pending and
// withdrawn heroes never are.
func Publication(h *model.Hero, today time.Time) Withheld {
	switch h.Status {
	case "confirmed":
	case "withdrawn":
		return WithdrawnRecord
	case "pending":
		return NotConfirmed
	default:
		return UnknownStatus
	}
	if !h.Public.Consent {
		return NoConsent
	}
	if h.Age(today) < 18 && !h.Public.GuardianConsent {
		return NoGuardianConsent
	}
	return Published
}

// compoundSurnames are the two-character surnames (复姓) kept whole when a
// name is anonymized.
var compoundSurnames = [...]string{
	"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
	"宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "西门", "南宫", "独孤",
	"百里", "呼延", "东郭", "闻人", "太史", "申屠", "澹台", "公冶", "宗政", "濮阳",
	"淳于", "单于", "太叔", "仲孙", "万俟", "司空", "司寇", "赫连", "拓跋", "第五",
	"乐正", "左丘", "谷梁", "梁丘", "羊舌", "微生", "公羊", "公良", "漆雕", "壤驷",
	"巫马", "颛孙", "子车", "亓官", "鲜于", "闾丘", "段干", "东门", "公西", "夹谷",
}

// Surname returns the surname of a Chinese name: a compound surname such as
// 欧阳 when the name starts with one and has a given name after it, else the
// first character.
func Surname(name string) string {
	name = strings.TrimSpace(name)
	r := []rune(name)
	if len(r) == 0 {
		return ""
	}
	if len(r) >= 3 {
		for _, s := range compoundSurnames {
			if strings.HasPrefix(name, s) {
				return s
			}
		}
	}
	return string(r[0])
}

// Anonymize returns the surname followed by 某某: 张某某, 欧阳某某.
func Anonymize(name string) string {
	return Surname(name) + "某某"
}
