package check

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"os"
	"path"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/readset"
	"github.com/yancheng-jyyw/roll/internal/records"
	"golang.org/x/text/message"
)

// A check's findings are kept, as go test keeps a test's result, in the
// repository's cache, with what they depend on:
//
//   - the roll that found them (its executable's SHA-256) and the format of
//     the kept file: the rules, the schemas' compiler and the messages are
//     roll's code;
//   - the date of the check (Options.Today);
//   - every file and folder the check read through the repository's file
//     system, each with what it saw of it (package readset): the records
//     and their folders' listings, the schemas, the templates' listing, the
//     files read again for the findings' positions. The check reads nothing
//     else: no clock, no environment, no git (a check with Base is never
//     kept).
//
// The findings are kept with their messages rendered in both languages, so
// that the text, JSON and GitHub reports of a kept check are those of a
// check that ran; the limit to Paths is applied after, as it is to a check
// that ran. The file ends with the SHA-256 of what comes before it; one
// that is cut, altered, of another roll, date or format is ignored, and
// the check runs and writes it again.
const keptFormat = "roll check kept 1\n"

// keptFile is where the kept check is, in the repository.
const keptFile = records.CacheDir + "/check"

// keptKey is what a kept check must have been kept with to be given again.
func keptKey(code [sha256.Size]byte, today time.Time) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(keptFormat))
	h.Write(code[:])
	h.Write([]byte(today.Format(time.DateOnly)))
	return [sha256.Size]byte(h.Sum(nil))
}

// kept is a Message whose text was rendered when the check was kept, in
// the language of the check that gives it again.
type kept string

func (k kept) Localize(*message.Printer) string { return string(k) }

// readKept gives the findings of the kept check of the repository r, in
// the language lang, when it was kept by this roll for this date and none
// of what it read changed since; ok is false otherwise.
func readKept(r *os.Root, opts Options) (list finding.List, ok bool) {
	f, err := r.Open(keptFile)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, false
	}
	b, err := io.ReadAll(f)
	if err != nil || len(b) < len(keptFormat)+2*sha256.Size || !bytes.HasPrefix(b, []byte(keptFormat)) {
		return nil, false
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	body = body[len(keptFormat):]
	key := keptKey(opts.Code, opts.Today)
	if !bytes.Equal(body[:sha256.Size], key[:]) {
		return nil, false
	}
	set, body, ok := readset.Read(body[sha256.Size:])
	if !ok || !readset.Unchanged(r, set, fi.ModTime().UnixNano()) {
		return nil, false
	}
	n, w := binary.Uvarint(body)
	if w <= 0 || n > uint64(len(body)) {
		return nil, false
	}
	body = body[w:]
	list = make(finding.List, 0, n)
	for range n {
		var fd finding.Finding
		var file, rule, zh, en []byte
		var nums [3]uint64
		if file, body, ok = field(body); !ok {
			return nil, false
		}
		for i := range nums {
			if nums[i], w = binary.Uvarint(body); w <= 0 {
				return nil, false
			}
			body = body[w:]
		}
		for _, s := range []*[]byte{&rule, &zh, &en} {
			if *s, body, ok = field(body); !ok {
				return nil, false
			}
		}
		if nums[2] > uint64(finding.Warning) || nums[0] > 1<<31 || nums[1] > 1<<31 {
			return nil, false
		}
		fd.File, fd.Rule = string(file), string(rule)
		fd.Pos = finding.Pos{Line: int(nums[0]), Col: int(nums[1])}
		fd.Severity = finding.Severity(nums[2])
		fd.Msg = kept(zh)
		if opts.Lang == l10n.English {
			fd.Msg = kept(en)
		}
		list = append(list, fd)
	}
	if len(body) != 0 {
		return nil, false
	}
	return list, true
}

// field reads a length and that many bytes.
func field(b []byte) (f, rest []byte, ok bool) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return nil, nil, false
	}
	return b[w : w+int(n)], b[w+int(n):], true
}

// writeKept keeps the findings list of a check that read set, in the
// repository r. A cache that cannot be written is no error: the next
// check runs.
func writeKept(r *os.Root, opts Options, set []readset.Entry, list finding.List) {
	b := append([]byte(nil), keptFormat...)
	key := keptKey(opts.Code, opts.Today)
	b = append(b, key[:]...)
	b = readset.Append(b, set)
	b = binary.AppendUvarint(b, uint64(len(list)))
	zh, en := l10n.Printer(l10n.Chinese), l10n.Printer(l10n.English)
	for _, f := range list {
		b = appendField(b, f.File)
		b = binary.AppendUvarint(b, uint64(f.Pos.Line))
		b = binary.AppendUvarint(b, uint64(f.Pos.Col))
		b = binary.AppendUvarint(b, uint64(f.Severity))
		b = appendField(b, f.Rule)
		b = appendField(b, f.Text(zh))
		b = appendField(b, f.Text(en))
	}
	sum := sha256.Sum256(b)
	b = append(b, sum[:]...)
	if r.MkdirAll(path.Dir(keptFile), 0o755) != nil {
		return
	}
	tmp := keptFile + ".tmp"
	if r.WriteFile(tmp, b, 0o644) != nil || r.Rename(tmp, keptFile) != nil {
		r.Remove(tmp)
	}
}

func appendField(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}
