package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"reflect"
	"slices"
	"time"
)

// # Keys: pages not rendered again
//
// A page's bytes are a function of three things only: the code of roll
// (the layout logic and the template functions), the template files of its
// set, and the data value given to the template. Keyer.Key hashes exactly
// those: CodeKey, the bytes of every file parsed into the set, and the data
// value walked by reflection, every field of every struct, exported or
// not, so that no list of fields is kept by hand and a field added to a
// page's data is part of its key from then on. Output.Reuse keeps the
// previous file when the key recorded with it is the same.
//
// The templates can read nothing else: the FuncMaps are pure functions
// (no clock, no files), so anything date-dependent, such as whether a
// minor is published, or base-URL-dependent, such as a canonical link,
// reaches a page only through its data, and is in its key.

// keyVersion is bumped when the way keys are computed changes.
const keyVersion = "roll page key v1\n"

// CodeKey identifies the code of the running roll: the SHA-256 of its
// executable file. Build information is not enough: a binary built from a
// work tree with uncommitted edits carries the revision it started from
// (and only vcs.modified=true), and `go run` and test binaries carry none,
// while a constant bumped by hand is forgotten. The bytes of the binary
// change whenever the code does, and Go builds are reproducible, so the
// same source gives the same key.
func CodeKey() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("code key: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, fmt.Errorf("code key: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("code key: %w", err)
	}
	return h.Sum(nil), nil
}

// Keyer computes the keys of pages (see Key) for the code identified by
// a code key (CodeKey). It reuses its buffers from page to page: one
// Keyer per goroutine.
type Keyer struct {
	code []byte
	k    keyer
}

// NewKeyer returns a Keyer for the code identified by code.
func NewKeyer(code []byte) *Keyer {
	return &Keyer{code: code, k: keyer{h: sha256.New(), buf: make([]byte, 0, keyerBlock)}}
}

// Key returns the key of rendering page of p with data: a hex SHA-256 of
// the code key, the bytes of the page's template files and the whole data
// value. It fails for data that cannot be keyed: functions, channels, or
// nesting deeper than a page should ever be (a cycle).
func (kr *Keyer) Key(p *Pages, page string, data any) (string, error) {
	sum, ok := p.sums[page]
	if !ok {
		return "", fmt.Errorf("key: no page %s", page)
	}
	if len(kr.code) == 0 {
		return "", fmt.Errorf("key: no code key")
	}
	k := &kr.k
	k.h.Reset()
	k.buf = k.buf[:0]
	k.string(keyVersion)
	k.bytes(kr.code)
	k.bytes(sum[:])
	if err := k.value(reflect.ValueOf(data), 0); err != nil {
		return "", fmt.Errorf("key of %s: %w", page, err)
	}
	return hex.EncodeToString(k.sum()), nil
}

// maxDepth bounds the walk: page data is a few levels deep, a cycle is not.
const maxDepth = 64

// keyer feeds a value to a hash, unambiguously: every variable-length part
// is preceded by its length, every interface by its dynamic type. It
// gathers the many small writes of a walk in buf and hashes them in large
// blocks.
type keyer struct {
	h   hash.Hash
	buf []byte
}

const keyerBlock = 8 << 10

func (k *keyer) uint(u uint64) {
	k.buf = binary.LittleEndian.AppendUint64(k.buf, u)
	k.flushFull()
}

func (k *keyer) bytes(b []byte) {
	k.uint(uint64(len(b)))
	if len(b) > keyerBlock/4 {
		k.h.Write(k.buf)
		k.buf = k.buf[:0]
		k.h.Write(b)
		return
	}
	k.buf = append(k.buf, b...)
	k.flushFull()
}

func (k *keyer) string(s string) {
	k.uint(uint64(len(s)))
	if len(s) > keyerBlock/4 {
		k.h.Write(k.buf)
		k.buf = k.buf[:0]
		io.WriteString(k.h, s)
		return
	}
	k.buf = append(k.buf, s...)
	k.flushFull()
}

func (k *keyer) flushFull() {
	if len(k.buf) >= keyerBlock-keyerBlock/4-8 {
		k.h.Write(k.buf)
		k.buf = k.buf[:0]
	}
}

// sum returns the hash of everything written.
func (k *keyer) sum() []byte {
	k.h.Write(k.buf)
	k.buf = k.buf[:0]
	return k.h.Sum(nil)
}

var timeType = reflect.TypeFor[time.Time]()

func (k *keyer) value(v reflect.Value, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("data nested more than %d levels deep", maxDepth)
	}
	if !v.IsValid() {
		k.uint(0)
		return nil
	}
	if v.Type() == timeType {
		// Its fields include a *time.Location whose lookup cache changes
		// as it is used; what a template can print of a time is its
		// instant, its offset and its zone's name.
		if !v.CanInterface() {
			return fmt.Errorf("cannot key an unexported time.Time")
		}
		t := v.Interface().(time.Time)
		name, off := t.Zone()
		k.string(t.Format(time.RFC3339Nano))
		k.string(name)
		k.uint(uint64(off))
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			k.uint(1)
		} else {
			k.uint(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		k.uint(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		k.uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		k.uint(math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		k.uint(math.Float64bits(real(c)))
		k.uint(math.Float64bits(imag(c)))
	case reflect.String:
		k.string(v.String())
	case reflect.Slice:
		if v.IsNil() {
			k.uint(0)
			return nil
		}
		k.uint(1)
		if v.Type().Elem().Kind() == reflect.Uint8 {
			k.bytes(v.Bytes())
			return nil
		}
		fallthrough
	case reflect.Array:
		k.uint(uint64(v.Len()))
		for i := range v.Len() {
			if err := k.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Struct:
		k.uint(uint64(v.NumField()))
		for i := range v.NumField() {
			if err := k.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			k.uint(0)
			return nil
		}
		k.uint(1)
		return k.value(v.Elem(), depth+1)
	case reflect.Interface:
		if v.IsNil() {
			k.uint(0)
			return nil
		}
		k.uint(1)
		k.string(v.Elem().Type().String())
		return k.value(v.Elem(), depth+1)
	case reflect.Map:
		if v.IsNil() {
			k.uint(0)
			return nil
		}
		// In an order that does not depend on the map's: each pair is
		// keyed on its own, and the pairs' keys are sorted.
		pairs := make([][]byte, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			sub := keyer{h: sha256.New()}
			if err := sub.value(it.Key(), depth+1); err != nil {
				return err
			}
			if err := sub.value(it.Value(), depth+1); err != nil {
				return err
			}
			pairs = append(pairs, sub.sum())
		}
		slices.SortFunc(pairs, bytes.Compare)
		k.uint(uint64(len(pairs)) + 1)
		for _, p := range pairs {
			k.buf = append(k.buf, p...)
			k.flushFull()
		}
	default:
		return fmt.Errorf("cannot key a value of type %s", v.Type())
	}
	return nil
}
