// Command gen writes internal/stroke's table.go from two published sources:
//
//   - cnchar-order 3.2.6 (npm, MIT; package.json and package-lock.json
//     here): the strokes of 6,939 characters in writing order, as the
//     mainland standards give them (阝 2 strokes, 艹 3, 辶 3). Each stroke is
//     reduced to the five classes of GB 13000.1's stroke-order standard:
//     横 1 (提 with it), 竖 2, 撇 3, 点 4 (捺 with it), 折 5 (every stroke
//     with a turn or a hook, 竖钩 included).
//   - the Unihan database of Unicode 15.0.0 as Debian's unicode-data
//     package ships it (/usr/share/unicode): kTotalStrokes, whose first
//     value is the mainland count, for every other CJK Unified Ideograph,
//     and kTGH, the 通用规范汉字表, whose characters outside that block are
//     the ones names use.
//
// It is run by go generate in internal/stroke and needs node, npm and
// unicode-data (apt-get install nodejs npm unicode-data):
//
//	go generate ./internal/stroke
//
// npm ci installs cnchar-order into gen/node_modules, which is never
// committed. Where the two sources disagree on a count, the generator stops
// unless the character is listed in corrections below with the reason.
package main

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The block the table covers by code point, and how many code points share
// one entry of the shape index. These must match internal/stroke.
const (
	uroFirst  = 0x4E00
	uroLast   = 0x9FFF
	blockSize = 32
	shapesBit = 0x80 // set in a count byte when the shapes are in the table
)

// corrections are characters whose cnchar-order strokes disagree with
// Unihan's mainland count, with the strokes used instead (in cnchar-order's
// letters) or "" to keep cnchar-order's, and why.
var corrections = map[rune]struct{ letters, why string }{
	'皙': {"jfskssjfsfcjj", "cnchar-order drops the 撇 of 白 (12 strokes); 析 8 + 白 5 = 13, as Unihan and 现代汉语词典 count"},
	'囍': {"", "not a name character; cnchar-order writes 喜 twice (24), Unihan counts 21 for the joined form"},
}

type cnchar struct {
	Version string            `json:"version"`
	Orders  map[string]string `json:"orders"`
	Strokes map[string]struct {
		Name string `json:"name"`
		Type string `json:"type"` // 平笔 or 折笔
	} `json:"strokes"`
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	dir := flag.String("dir", "gen", "the folder of package.json and dump.js")
	unihan := flag.String("unihan", "/usr/share/unicode", "the folder of Debian's Unihan_*.txt.bz2")
	out := flag.String("o", "table.go", "the Go file to write")
	flag.Parse()

	src, err := readCnchar(*dir)
	if err != nil {
		log.Fatal(err)
	}
	classes, err := classify(src)
	if err != nil {
		log.Fatal(err)
	}
	totals, err := readUnihan(filepath.Join(*unihan, "Unihan_IRGSources.txt.bz2"), "kTotalStrokes")
	if err != nil {
		log.Fatal(err)
	}
	tgh, err := readUnihan(filepath.Join(*unihan, "Unihan_OtherMappings.txt.bz2"), "kTGH")
	if err != nil {
		log.Fatal(err)
	}

	t := table{counts: make([]byte, uroLast-uroFirst+1), shapes: map[rune][]byte{}}
	for s, letters := range src.Orders {
		r, size := utf8.DecodeRuneInString(s)
		if size != len(s) || r < uroFirst || r > uroLast {
			log.Fatalf("cnchar-order has %q outside U+%04X..U+%04X", s, uroFirst, uroLast)
		}
		unihanCount := firstCount(totals[r])
		if c, ok := corrections[r]; ok {
			if c.letters != "" {
				letters = c.letters
			}
		} else if unihanCount != 0 && unihanCount != len(letters) {
			log.Fatalf("%c: cnchar-order has %d strokes, Unihan %d: add it to corrections with the reason", r, len(letters), unihanCount)
		}
		seq := make([]byte, len(letters))
		for i := range len(letters) {
			seq[i] = classes[letters[i]]
			if seq[i] == 0 {
				log.Fatalf("%c: unknown stroke letter %q", r, letters[i])
			}
		}
		t.shapes[r] = seq
	}
	for r := rune(uroFirst); r <= uroLast; r++ {
		n := firstCount(totals[r])
		if seq, ok := t.shapes[r]; ok {
			n = len(seq)
		}
		if n >= shapesBit {
			log.Fatalf("%c: %d strokes do not fit the table", r, n)
		}
		t.counts[r-uroFirst] = byte(n)
		if _, ok := t.shapes[r]; ok {
			t.counts[r-uroFirst] |= shapesBit
		}
	}
	for r := range tgh {
		if r >= uroFirst && r <= uroLast {
			continue
		}
		n := firstCount(totals[r])
		if n == 0 || n >= 0xFF {
			log.Fatalf("%c (U+%04X) is in 通用规范汉字表 without a usable kTotalStrokes", r, r)
		}
		t.extra = append(t.extra, extra{r, n})
	}
	slices.SortFunc(t.extra, func(a, b extra) int { return int(a.r - b.r) })

	code, err := t.write(src.Version, len(tgh))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, code, 0o644); err != nil {
		log.Fatal(err)
	}
}

// readCnchar installs cnchar-order as the lockfile pins it and reads its
// data through dump.js.
func readCnchar(dir string) (*cnchar, error) {
	npm := exec.Command("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
	npm.Dir, npm.Stdout, npm.Stderr = dir, os.Stderr, os.Stderr
	if err := npm.Run(); err != nil {
		return nil, fmt.Errorf("npm ci in %s: %w", dir, err)
	}
	node := exec.Command("node", "dump.js")
	node.Dir, node.Stderr = dir, os.Stderr
	data, err := node.Output()
	if err != nil {
		return nil, fmt.Errorf("node dump.js: %w", err)
	}
	var src cnchar
	if err := json.Unmarshal(data, &src); err != nil {
		return nil, fmt.Errorf("dump.js output: %w", err)
	}
	if len(src.Orders) == 0 {
		return nil, fmt.Errorf("cnchar-order %s gave no stroke orders", src.Version)
	}
	return &src, nil
}

// classify maps each of cnchar-order's stroke letters to its class, 1..5.
// Every 折笔 (a stroke with a turn or hook, 竖钩 and 横钩 included) is 折;
// of the 平笔, 提 goes with 横 and 捺 with 点, as the standard says.
func classify(src *cnchar) (map[byte]byte, error) {
	plain := map[string]byte{"横": 1, "提": 1, "竖": 2, "撇": 3, "点": 4, "点2": 4, "捺": 4}
	m := map[byte]byte{}
	for letter, s := range src.Strokes {
		if len(letter) != 1 {
			return nil, fmt.Errorf("stroke letter %q is not one byte", letter)
		}
		switch s.Type {
		case "折笔":
			m[letter[0]] = 5
		case "平笔":
			c, ok := plain[s.Name]
			if !ok {
				return nil, fmt.Errorf("straight stroke %q (%s) has no class", s.Name, letter)
			}
			m[letter[0]] = c
		default:
			return nil, fmt.Errorf("stroke %q (%s) is of unknown type %q", s.Name, letter, s.Type)
		}
	}
	return m, nil
}

// readUnihan returns the values of one field of a Unihan file by character.
func readUnihan(path, field string) (map[rune]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	vals := map[rune]string{}
	sc := bufio.NewScanner(bzip2.NewReader(f))
	for sc.Scan() {
		// U+9648	kTotalStrokes	7
		cp, rest, ok := strings.Cut(sc.Text(), "\t")
		if !ok || !strings.HasPrefix(cp, "U+") {
			continue
		}
		name, val, ok := strings.Cut(rest, "\t")
		if !ok || name != field {
			continue
		}
		n, err := strconv.ParseUint(cp[2:], 16, 32)
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %w", path, cp, err)
		}
		vals[rune(n)] = val
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(vals) == 0 {
		return nil, fmt.Errorf("%s has no %s", path, field)
	}
	return vals, nil
}

// firstCount is the mainland count of a kTotalStrokes value ("8 9": the
// first is for zh-Hans), or 0.
func firstCount(v string) int {
	first, _, _ := strings.Cut(v, " ")
	n, _ := strconv.Atoi(first)
	return n
}

type extra struct {
	r rune
	n int
}

type table struct {
	counts []byte          // one per code point of the block
	shapes map[rune][]byte // classes 1..5 in writing order
	extra  []extra         // 通用规范汉字表 outside the block
}

func (t *table) write(version string, tghTotal int) ([]byte, error) {
	var b bytes.Buffer
	withShapes, countOnly := 0, 0
	for _, c := range t.counts {
		switch {
		case c&shapesBit != 0:
			withShapes++
		case c != 0:
			countOnly++
		}
	}
	fmt.Fprintf(&b, "// Code generated by \"go run ./gen\"; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package stroke\n\n")
	fmt.Fprintf(&b, "// Sources: cnchar-order %s (MIT, LICENSE.cnchar) for the strokes of %d\n", version, withShapes)
	fmt.Fprintf(&b, "// characters; Unihan 15.0.0 kTotalStrokes (Unicode licence, LICENSE.unicode)\n")
	fmt.Fprintf(&b, "// for the counts alone of %d more in U+%04X..U+%04X and of the %d\n", countOnly, uroFirst, uroLast, len(t.extra))
	fmt.Fprintf(&b, "// characters of 通用规范汉字表 (kTGH, %d in all) outside that block.\n\n", tghTotal)

	fmt.Fprintf(&b, "// counts holds one byte per code point from uroFirst to uroLast: the\n")
	fmt.Fprintf(&b, "// stroke count, 0 when unknown, with shapesBit set when the strokes are in\n")
	fmt.Fprintf(&b, "// shapes. A line is one block of blockSize code points.\n")
	fmt.Fprintf(&b, "const counts = \"\" +\n")
	for i := 0; i < len(t.counts); i += blockSize {
		fmt.Fprintf(&b, "\t%s + // U+%04X\n", quote(t.counts[i:min(i+blockSize, len(t.counts))]), uroFirst+i)
	}
	fmt.Fprintf(&b, "\t\"\"\n\n")

	var packed []byte
	var starts []int
	for i := range t.counts {
		if i%blockSize == 0 {
			starts = append(starts, len(packed))
		}
		seq, ok := t.shapes[rune(uroFirst+i)]
		if !ok {
			continue
		}
		for j := 0; j < len(seq); j += 2 {
			v := seq[j] << 4
			if j+1 < len(seq) {
				v |= seq[j+1]
			}
			packed = append(packed, v)
		}
	}
	if len(packed) > 0xFFFF {
		return nil, fmt.Errorf("shapes take %d bytes, more than a uint16 offset reaches", len(packed))
	}
	fmt.Fprintf(&b, "// shapeStart[i] is where in shapes the strokes of block i begin.\n")
	fmt.Fprintf(&b, "var shapeStart = [...]uint16{")
	for i, s := range starts {
		if i%12 == 0 {
			b.WriteString("\n\t")
		} else {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%d,", s)
	}
	fmt.Fprintf(&b, "\n}\n\n")

	fmt.Fprintf(&b, "// shapes holds the strokes of each character whose count byte has\n")
	fmt.Fprintf(&b, "// shapesBit, in code point order: one class (1 横, 2 竖, 3 撇, 4 点, 5 折)\n")
	fmt.Fprintf(&b, "// per half byte, high half first, each character starting on a byte.\n")
	fmt.Fprintf(&b, "const shapes = \"\" +\n")
	for i := 0; i < len(packed); i += 64 {
		fmt.Fprintf(&b, "\t%s +\n", quote(packed[i:min(i+64, len(packed))]))
	}
	fmt.Fprintf(&b, "\t\"\"\n\n")

	fmt.Fprintf(&b, "// extra holds the characters of 通用规范汉字表 outside the block, sorted:\n")
	fmt.Fprintf(&b, "// four bytes each, the code point in three (big-endian) and the count.\n")
	fmt.Fprintf(&b, "const extra = \"\" +\n")
	for i := 0; i < len(t.extra); i += 16 {
		var line []byte
		for _, e := range t.extra[i:min(i+16, len(t.extra))] {
			line = append(line, byte(e.r>>16), byte(e.r>>8), byte(e.r), byte(e.n))
		}
		fmt.Fprintf(&b, "\t%s +\n", quote(line))
	}
	fmt.Fprintf(&b, "\t\"\"\n")
	return format.Source(b.Bytes())
}

// quote writes bytes as a Go string literal, printable ASCII as it is and
// every other byte as \xNN, so that no byte sequence is read as UTF-8.
func quote(p []byte) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, c := range p {
		switch {
		case c == '"' || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c >= 0x20 && c < 0x7F:
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, "\\x%02x", c)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}
