package rules

import (
	"strings"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// heroIDs finds the first hero of each id. An id is short (H-2020-0001,
// 11 bytes): it is kept as a fixed array of its bytes, in a map without
// pointers, so that a look-up compares the key where it lies and hashes 16
// bytes, and the collector has nothing in it to scan; at 100,000 heroes
// the map of strings it replaces cost more than any rule between records
// that reads it. An id longer than the array, or with a zero byte, is kept
// by its string.
type heroIDs struct {
	heroes []model.Hero
	short  map[shortID]int32
	long   map[string]int32
}

// shortID is an id of at most 16 bytes without a zero byte, padded with
// zeros.
type shortID [16]byte

func newHeroIDs(heroes []model.Hero) *heroIDs {
	return &heroIDs{heroes: heroes, short: make(map[shortID]int32, len(heroes))}
}

// short returns id as a shortID, when it is one.
func toShort(id string) (k shortID, ok bool) {
	if len(id) > len(k) || strings.IndexByte(id, 0) >= 0 {
		return k, false
	}
	copy(k[:], id)
	return k, true
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
