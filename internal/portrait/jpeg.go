package portrait

import (
	"bytes"
	"encoding/binary"
)

// header is what walking a JPEG's segments tells, before any pixel is
// decoded.
type header struct {
	sof           byte // the frame's marker: 0xC0 baseline, 0xC1 extended, 0xC2 progressive
	width, height int  // as stored, before orientation
	orientation   int  // EXIF orientation, 1 to 8; 1 when there is none
	scans         int
}

// problem is why a walk stopped; each becomes a finding (portrait.go).
type problem int

const (
	fine problem = iota
	notJPEG
	truncated
	damaged
	unsupported
	tooManyScans
)

// walk reads the segments of a JPEG file from SOI to EOI without decoding
// it: the frame's size and coding, the number of scans, and the EXIF
// orientation. It refuses a file that is no JPEG, that ends before its
// EOI, whose segments do not fit together, that uses a coding Go's
// decoder cannot read (lossless, hierarchical, arithmetic), or that has
// more than MaxScans scans, or whose scan comes before its quantization
// and Huffman tables (Go's decoder has no default tables, as some video
// frames assume): a progressive JPEG's decoder passes over
// every block of the image for each scan, so a small file of many empty
// scans would cost minutes of CPU.
//
// The entropy-coded data after each SOS is skipped byte by byte, as a
// decoder finds the next marker. Bytes after the EOI (some cameras append
// a second image there) are ignored, and never published: only decoded
// pixels are.
func walk(data []byte) (header, problem) {
	h := header{orientation: 1}
	if len(data) < 3 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF {
		return h, notJPEG
	}
	exif := false
	dqt, dht := false, false // tables defined: a scan needs both
	for i := 2; ; {
		if i >= len(data) {
			return h, truncated
		}
		if data[i] != 0xFF {
			return h, damaged
		}
		for i < len(data) && data[i] == 0xFF { // fill bytes before a marker
			i++
		}
		if i >= len(data) {
			return h, truncated
		}
		m := data[i]
		i++
		switch {
		case m == 0xD9: // EOI
			if h.sof == 0 || h.scans == 0 {
				return h, damaged
			}
			return h, fine
		case m >= 0xD0 && m <= 0xD7, m == 0x01: // RSTn, TEM: no length
			continue
		case m == 0x00, m == 0xD8:
			return h, damaged
		}
		if i+2 > len(data) {
			return h, truncated
		}
		n := int(binary.BigEndian.Uint16(data[i:]))
		if n < 2 {
			return h, damaged
		}
		if i+n > len(data) {
			return h, truncated
		}
		seg := data[i+2 : i+n]
		i += n
		switch {
		case m == 0xE1 && !exif && bytes.HasPrefix(seg, []byte("Exif\x00\x00")):
			exif = true
			h.orientation = orientation(seg[6:])
		case m == 0xC0, m == 0xC1, m == 0xC2:
			if h.sof != 0 || len(seg) < 6 {
				return h, damaged
			}
			h.sof = m
			h.height = int(binary.BigEndian.Uint16(seg[1:]))
			h.width = int(binary.BigEndian.Uint16(seg[3:]))
			if h.width == 0 || h.height == 0 { // a height given later by DNL: Go cannot read it
				return h, unsupported
			}
		case m >= 0xC3 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC:
			return h, unsupported // lossless, hierarchical or arithmetic coding
		case m == 0xDB:
			dqt = true
		case m == 0xC4:
			dht = true
		case m == 0xDA: // SOS: the entropy-coded data follows
			if h.sof == 0 || !dqt || !dht {
				return h, damaged
			}
			if h.scans++; h.scans > MaxScans {
				return h, tooManyScans
			}
			for {
				if i+1 >= len(data) {
					return h, truncated
				}
				if data[i] == 0xFF {
					if next := data[i+1]; next != 0x00 && (next < 0xD0 || next > 0xD7) {
						break
					}
				}
				i++
			}
		}
	}
}

// orientation reads the Orientation tag (0x0112) of IFD0 from the TIFF
// structure of an EXIF segment (after its "Exif\0\0"). Any value it
// cannot read, or outside 1 to 8, is 1: the photo as stored.
//
// Only this tag is read, so no EXIF library is needed: a TIFF header
// (byte order, 42, the offset of IFD0), then IFD0's entries of 12 bytes,
// each a tag, a type, a count and a value that a SHORT holds in its
// first two bytes.
func orientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(tiff[2:]) != 42 {
		return 1
	}
	ifd := int64(bo.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > int64(len(tiff)) {
		return 1
	}
	n := int64(bo.Uint16(tiff[ifd:]))
	for k := range n {
		e := ifd + 2 + 12*k
		if e+12 > int64(len(tiff)) {
			return 1
		}
		if bo.Uint16(tiff[e:]) != 0x0112 {
			continue
		}
		if typ, count := bo.Uint16(tiff[e+2:]), bo.Uint32(tiff[e+4:]); typ != 3 || count != 1 {
			return 1
		}
		if v := int(bo.Uint16(tiff[e+8:])); v >= 1 && v <= 8 {
			return v
		}
		return 1
	}
	return 1
}
