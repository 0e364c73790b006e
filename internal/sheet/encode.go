package sheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"github.com/yancheng-jyyw/roll/internal/money"
)

// FixedTime is when every workbook says it was created and last modified,
// and the modification time of every entry of its zip: the first day a zip
// (MS-DOS) time can hold, so that no build's clock reaches the file.
const FixedTime = "1980-01-01T00:00:00Z"

var fixedTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Column widths, in Excel's units (the width of a digit of the default
// font): the padding added to the widest value, and the bounds.
const (
	padWidth = 2
	minWidth = 6
	maxWidth = 60 // wider text wraps
)

// font is the sheets' font: the default of Chinese Office, which has both
// Latin letters and CJK characters, so a CJK character is two digits wide.
const font = "等线"

// Encode writes the tables as the bytes of one .xlsx workbook, a worksheet
// per table in order. It fails on a table whose rows do not match its
// columns, or on an amount of money too large to be written exactly.
func Encode(tables ...*Table) ([]byte, error) {
	if len(tables) == 0 {
		return nil, errors.New("encode workbook: no table")
	}
	for _, t := range tables {
		if err := t.validate(); err != nil {
			return nil, fmt.Errorf("encode workbook: %w", err)
		}
	}
	f := excelize.NewFile()
	defer f.Close() // removes the temporary files of a large stream, if any
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &orderedZip{w: w} })
	b, err := encode(f, tables)
	if err != nil {
		return nil, fmt.Errorf("encode workbook %q: %w", tables[0].Title, err)
	}
	return b, nil
}

func encode(f *excelize.File, tables []*Table) ([]byte, error) {
	if err := f.SetDefaultFont(font); err != nil {
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	names := sheetNames(tables)
	for i, t := range tables {
		if i == 0 {
			err = f.SetSheetName("Sheet1", names[i])
		} else {
			_, err = f.NewSheet(names[i])
		}
		if err != nil {
			return nil, err
		}
		if err := writeSheet(f, names[i], t, st); err != nil {
			return nil, fmt.Errorf("sheet %q: %w", names[i], err)
		}
	}
	// The first sheet is the active one already. (SetActiveSheet would read
	// every streamed sheet back into memory and write it out again.)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          tables[0].Title,
		Creator:        "roll",
		LastModifiedBy: "roll",
		Language:       "zh-CN",
		Created:        FixedTime,
		Modified:       FixedTime,
	}); err != nil {
		return nil, err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "roll"}); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// validate checks that every row has a value per column, each of its
// column's kind, empty, or text.
func (t *Table) validate() error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("table %q: no columns", t.Title)
	}
	if len(t.Columns) > excelize.MaxColumns {
		return fmt.Errorf("table %q: %d columns, more than a sheet holds", t.Title, len(t.Columns))
	}
	if len(t.Rows) >= excelize.TotalRows {
		return fmt.Errorf("table %q: %d rows, more than a sheet holds", t.Title, len(t.Rows))
	}
	for i, c := range t.Columns {
		if c.Kind < Text || c.Kind > Percent {
			return fmt.Errorf("table %q: column %d (%s): no kind", t.Title, i+1, c.Header)
		}
	}
	for r, row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("table %q: row %d has %d values for %d columns", t.Title, r+1, len(row), len(t.Columns))
		}
		for i, v := range row {
			if v.kind != 0 && v.kind != Text && v.kind != t.Columns[i].Kind {
				return fmt.Errorf("table %q: row %d, column %d (%s): a %s value in a %s column",
					t.Title, r+1, i+1, t.Columns[i].Header, v.kind, t.Columns[i].Kind)
			}
		}
	}
	return nil
}

// styles are the cell styles of a workbook, created in a fixed order.
type styles struct {
	header, text, wrap, integer, date, money, percent int
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	top := &excelize.Alignment{Vertical: "top"}
	dateFmt, pctFmt := "yyyy-mm-dd", "0.0%"
	for _, s := range []struct {
		id    *int
		style excelize.Style
		text  bool // a text style: quotePrefix
	}{
		{&st.header, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7EEF7"}},
			Border:    []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 1}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		}, true},
		{&st.text, excelize.Style{Alignment: top}, true},
		{&st.wrap, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}, true},
		{&st.integer, excelize.Style{NumFmt: 1, Alignment: top}, false},
		{&st.date, excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}, false},
		{&st.money, excelize.Style{NumFmt: 4, Alignment: top}, false},
		{&st.percent, excelize.Style{CustomNumFmt: &pctFmt, Alignment: top}, false},
	} {
		if *s.id, err = f.NewStyle(&s.style); err != nil {
			return st, err
		}
		if s.text {
			// Excel's leading apostrophe: the cell stays text when edited.
			// excelize's Style has no field for it; its cell formats do.
			yes := true
			f.Styles.CellXfs.Xf[*s.id].QuotePrefix = &yes
		}
	}
	return st, nil
}

// writeSheet writes t into the sheet name.
func writeSheet(f *excelize.File, name string, t *Table, st styles) error {
	last, err := excelize.CoordinatesToCellName(len(t.Columns), len(t.Rows)+1)
	if err != nil {
		return err
	}
	yes, zero, one := true, 0, 1
	a4, landscape := 9, "landscape"
	// The autofilter first: excelize replaces the sheet's properties with it.
	if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: `&C&"-,Bold"` + headerText(t.Title),
		OddFooter: "&C第 &P 页，共 &N 页",
	}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(name) + "!$1:$1", Scope: name,
	}); err != nil {
		return err
	}

	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	// excelize puts each column before those already set: the last first
	// keeps them in the ascending order Excel requires.
	widths := t.widths()
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
	}
	row := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		row[i] = excelize.Cell{StyleID: st.header, Value: c.Header}
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	textStyle := make([]int, len(t.Columns))
	for i, w := range widths {
		textStyle[i] = st.text
		if w >= maxWidth {
			textStyle[i] = st.wrap
		}
	}
	for r, values := range t.Rows {
		for i, v := range values {
			row[i] = nil
			switch v.kind {
			case Text:
				if v.s != "" {
					row[i] = excelize.Cell{StyleID: textStyle[i], Value: v.s}
				}
			case Integer:
				row[i] = excelize.Cell{StyleID: st.integer, Value: v.n}
			case Date:
				row[i] = excelize.Cell{StyleID: st.date, Value: v.n}
			case Money:
				x, err := number(v.n)
				if err != nil {
					return fmt.Errorf("row %d, column %d: %w", r+1, i+1, err)
				}
				row[i] = excelize.Cell{StyleID: st.money, Value: x}
			case Percent:
				row[i] = excelize.Cell{StyleID: st.percent, Value: float64(v.n) / float64(v.d)}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// maxFen bounds the amounts written: 15 significant digits, the most a
// float64 carries exactly as a decimal and the most excelize writes
// before it rounds (cell.go, formatCellFloat).
const maxFen = 1e15 - 1

// number returns the float64 excelize writes for fen, checking that it
// writes it as the exact decimal: excelize formats a float with the
// shortest representation that reads back as the same float, which is the
// decimal the float was parsed from as long as that has at most 15
// significant digits.
func number(fen int64) (float64, error) {
	d := money.Fen(fen).String()
	if fen > maxFen || fen < -maxFen {
		return 0, fmt.Errorf("%s yuan cannot be written exactly", d)
	}
	x, err := strconv.ParseFloat(d, 64)
	if err != nil {
		return 0, err
	}
	if strconv.FormatFloat(x, 'f', -1, 64) != trimDecimal(d) {
		return 0, fmt.Errorf("%s yuan cannot be written exactly", d)
	}
	return x, nil
}

// trimDecimal drops the trailing zeros of a decimal's fraction, and its
// point when nothing is left of it: "20000.50" is "20000.5", "3.00" is "3".
func trimDecimal(d string) string {
	if !strings.Contains(d, ".") {
		return d
	}
	d = strings.TrimRight(d, "0")
	return strings.TrimSuffix(d, ".")
}

// widths returns each column's width: its widest display line, header
// included, with padding, within the bounds.
func (t *Table) widths() []float64 {
	out := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		w := textWidth(c.Header)
		for _, row := range t.Rows {
			w = max(w, textWidth(row[i].display()))
		}
		out[i] = float64(min(max(w+padWidth, minWidth), maxWidth))
	}
	return out
}

// textWidth is the width of the widest line of s, a CJK (wide, full-width
// or ambiguous) character counting two.
func textWidth(s string) int {
	widest, n := 0, 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			if s[i] == '\n' {
				widest, n = max(widest, n), 0
			} else {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
			n += 2
		default:
			n++
		}
	}
	return max(widest, n)
}

// maxSheetName is the most UTF-16 code units Excel allows in a sheet name.
const maxSheetName = 31

// sheetNames names the sheets after the tables' titles: the characters a
// sheet name cannot hold replaced, cut to Excel's 31, and made unique as
// Excel compares them (ignoring case).
func sheetNames(tables []*Table) []string {
	var names []string
	seen := map[string]bool{}
	for i, t := range tables {
		base := sheetName(t.Title)
		if base == "" {
			base = "Sheet" + strconv.Itoa(i+1)
		}
		name := base
		for n := 2; seen[strings.ToLower(name)] || strings.EqualFold(name, "History"); n++ {
			suffix := "(" + strconv.Itoa(n) + ")"
			name = cutUTF16(base, maxSheetName-len(suffix)) + suffix
		}
		seen[strings.ToLower(name)] = true
		names = append(names, name)
	}
	return names
}

// sheetName replaces in title the characters Excel refuses in a sheet
// name (and the apostrophe, which excelize does not quote in a reference)
// and cuts it to Excel's length.
func sheetName(title string) string {
	s := strings.Map(func(r rune) rune {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			return '_'
		case '\'':
			return '’'
		}
		if r < ' ' {
			return -1
		}
		return r
	}, title)
	return strings.TrimSpace(cutUTF16(strings.TrimSpace(s), maxSheetName))
}

// cutUTF16 cuts s to at most n UTF-16 code units, on a character boundary.
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return s[:i]
		}
	}
	return s
}

// quoteSheet quotes a sheet name for a reference: 'name'!A1.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// headerText escapes s for a page header, where & starts a code, and cuts
// it well within Excel's 255 characters of header.
func headerText(s string) string {
	s = cutUTF16(s, 100)
	return strings.ReplaceAll(s, "&", "&&")
}

// orderedZip is the zip writer excelize writes a workbook through: it
// holds every entry until Close and then writes them in a fixed order,
// [Content_Types].xml first (where readers look for it) and then by name,
// each with the same fixed time, so that the bytes of a workbook depend
// on its content alone.
type orderedZip struct {
	w       io.Writer
	entries []zipEntry
}

type zipEntry struct {
	name string
	data *bytes.Buffer
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	for _, e := range z.entries {
		if e.name == name {
			return nil, fmt.Errorf("zip: %s written twice", name)
		}
	}
	b := new(bytes.Buffer)
	z.entries = append(z.entries, zipEntry{name, b})
	return b, nil
}

// AddFS is not used by excelize when it writes a workbook.
func (z *orderedZip) AddFS(fs.FS) error {
	return errors.New("zip: AddFS not supported")
}

func (z *orderedZip) Close() error {
	const first = "[Content_Types].xml"
	slices.SortFunc(z.entries, func(a, b zipEntry) int {
		switch {
		case a.name == b.name:
			return 0
		case a.name == first:
			return -1
		case b.name == first:
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	zw := zip.NewWriter(z.w)
	// The fastest compression (faster to write, files a quarter larger),
	// one compressor for every entry: zip writes them one after another.
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(w, flate.BestSpeed)
			return fw, err
		}
		fw.Reset(w)
		return fw, nil
	})
	for _, e := range z.entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			return err
		}
		if _, err := w.Write(e.data.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
