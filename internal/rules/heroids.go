package rules

import "github.com/yancheng-jyyw/roll/internal/model"

// heroIDs finds the first hero of each id. A hero's id is written
// H-2020-0001 (or with a serial of five digits): such an id is kept as a
// number, in a map of numbers to the heroes' indexes, which the runtime
// hashes and compares without following a string, and in which the
// collector has nothing to scan; at 100,000 heroes the map of strings it
// replaces cost more than any rule between records that reads it. Any
// other id is kept by its string.
type heroIDs struct {
	heroes []model.Hero
	short  map[uint64]int32
	long   map[string]int32
}

func newHeroIDs(heroes []model.Hero) *heroIDs {
	return &heroIDs{heroes: heroes, short: make(map[uint64]int32, len(heroes))}
}

// toShort returns the number of an id written H-dddd-dddd or
// H-dddd-ddddd: its digits, and its length above them.
func toShort(id string) (uint64, bool) {
	if len(id) != 11 && len(id) != 12 || id[0] != 'H' || id[1] != '-' || id[6] != '-' {
		return 0, false
	}
	var n uint64
	for i := 2; i < len(id); i++ {
		if i == 6 {
			continue
		}
		c := id[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n | uint64(len(id))<<60, true
}

// get returns the hero of id.
func (x *heroIDs) get(id string) (*model.Hero, bool) {
	var i int32
	var ok bool
	if k, short := toShort(id); short {
		i, ok = x.short[k]
	} else {
		i, ok = x.long[id]
	}
	if !ok {
		return nil, false
	}
	return &x.heroes[i], true
}

// add notes hero i under his id, unless a hero has it already: that hero
// is returned.
func (x *heroIDs) add(i int) (first *model.Hero, dup bool) {
	id := x.heroes[i].ID
	if k, short := toShort(id); short {
		if j, ok := x.short[k]; ok {
			return &x.heroes[j], true
		}
		x.short[k] = int32(i)
		return nil, false
	}
	if j, ok := x.long[id]; ok {
		return &x.heroes[j], true
	}
	if x.long == nil {
		x.long = map[string]int32{}
	}
	x.long[id] = int32(i)
	return nil, false
}
