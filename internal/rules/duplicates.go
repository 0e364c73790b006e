package rules

import (
	"strconv"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// beneficiaries reports a hero listed twice among the beneficiaries of one
// visit: the family would be counted twice, and the money paid twice.
func (c *checker) beneficiaries(v *model.Visit) {
	first := make(map[string]int, len(v.Beneficiaries))
	for i, b := range v.Beneficiaries {
		if j, dup := first[b.Hero]; dup {
			c.errorf(v.Src, v.Src.At("beneficiaries", strconv.Itoa(i), "hero"), "ref",
				"the hero %s is listed twice among the beneficiaries (first as beneficiary %d); list each family once", b.Hero, j+1)
			continue
		}
		first[b.Hero] = i
	}
}
