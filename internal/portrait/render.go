package portrait

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"runtime"
	"slices"

	"golang.org/x/image/draw"
)

// Quality is the JPEG quality of the published files.
const Quality = 82

// Settings names everything besides a photo's bytes that its published
// files depend on: a file is encoded again when they change. Go's version
// is part of it, since the standard library's encoder may change between
// versions; change the first word when the pipeline below changes.
var Settings = fmt.Sprintf("portrait v2 crop 3:4 quarter catmull-rom orient-after quality %d %s", Quality, runtime.Version())

// Render decodes the photo data and encodes it again in each of sizes
// (Sizes), in that order, with none of the file's metadata (see the
// package documentation). The bytes of a size depend on the photo and
// that size alone, not on the others asked. It refuses a photo Inspect
// refuses.
func Render(data []byte, sizes []Size) ([][]byte, error) {
	info, msg := Inspect(data)
	if msg != nil {
		return nil, errors.New("the photo was refused by its check")
	}
	if len(sizes) == 0 {
		return nil, nil
	}
	src, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode the photo: %w", err)
	}
	if got := src.Bounds().Size(); got.X*got.Y != info.Width*info.Height {
		return nil, fmt.Errorf("decode the photo: %v pixels, where its header said %d×%d", got, info.Width, info.Height)
	}
	if slices.ContainsFunc(sizes, func(s Size) bool { return s.Width*4 != s.Height*3 }) {
		return nil, fmt.Errorf("render: the sizes %v are not all 3:4", sizes)
	}
	// Every size the photo is published in is made, each from the next
	// larger, whichever were asked: the bytes of a size are then the
	// same whatever else a build asks (its file is keyed by the photo and
	// the size alone).
	order := slices.Clone(sizes)
	for _, s := range Sizes(info.Width, info.Height) {
		if !slices.Contains(order, s) {
			order = append(order, s)
		}
	}
	slices.SortFunc(order, func(a, b Size) int { return b.Width - a.Width })
	smallest := slices.MinFunc(sizes, func(a, b Size) int { return a.Width - b.Width })
	order = slices.DeleteFunc(order, func(s Size) bool { return s.Width < smallest.Width })
	largest := order[0]
	// The crop and the largest size, turned back into the photo's stored
	// orientation: resized as stored, then turned.
	o := info.Orientation
	stored := toStored(crop(info.Width, info.Height), o, info.Width, info.Height).Add(src.Bounds().Min)
	w, h := largest.Width, largest.Height
	if o >= 5 {
		w, h = h, w
	}
	big := image.NewRGBA(image.Rect(0, 0, w, h))
	// A phone's photo is ten times the largest size across: averaging
	// blocks of k×k pixels first (a box filter, one pass) leaves
	// Catmull-Rom a reduction of 2 to 4 rather than 10, a fifth of its
	// cost. Other decoded forms (grey, CMYK) are resized directly.
	if ycc, ok := src.(*image.YCbCr); ok {
		if k := min(stored.Dx()/(2*w), stored.Dy()/(2*h)); k >= 2 {
			src, stored = shrink(ycc, stored, k), image.Rect(0, 0, stored.Dx()/k, stored.Dy()/k)
		}
	}
	draw.CatmullRom.Scale(big, big.Bounds(), src, stored, draw.Src, nil)
	src = nil // the decoded photo is the most memory of a build: let it go
	upright := orient(big, o)
	// Each smaller size from the next larger one: a reduction of 2 or
	// 2.5 each, which costs Catmull-Rom less than one of 5.
	made := map[Size]*image.RGBA{largest: upright}
	for i, s := range order[1:] {
		from := made[order[i]]
		img := image.NewRGBA(image.Rect(0, 0, s.Width, s.Height))
		draw.CatmullRom.Scale(img, img.Bounds(), from, from.Bounds(), draw.Src, nil)
		made[s] = img
	}
	out := make([][]byte, len(sizes))
	for i, s := range sizes {
		img := made[s]
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: Quality}); err != nil {
			return nil, fmt.Errorf("encode the photo: %w", err)
		}
		out[i] = buf.Bytes()
	}
	return out, nil
}

// upright maps the point (x, y) of a photo stored w×h pixels to where it
// is shown with EXIF orientation o (the TIFF specification's table: for
// 6, the stored top row is the right side, the stored left column the
// top).
func upright(o, x, y, w, h int) (int, int) {
	switch o {
	case 2:
		return w - 1 - x, y
	case 3:
		return w - 1 - x, h - 1 - y
	case 4:
		return x, h - 1 - y
	case 5:
		return y, x
	case 6:
		return h - 1 - y, x
	case 7:
		return h - 1 - y, w - 1 - x
	case 8:
		return y, w - 1 - x
	}
	return x, y
}

// toStored maps a rectangle of the upright photo (uw×uh) back to the
// stored photo with orientation o.
func toStored(r image.Rectangle, o, uw, uh int) image.Rectangle {
	w, h := uw, uh // the stored size
	if o >= 5 {
		w, h = uh, uw
	}
	// The inverse of upright, for each orientation.
	inv := func(u, v int) image.Point {
		switch o {
		case 2:
			return image.Pt(w-1-u, v)
		case 3:
			return image.Pt(w-1-u, h-1-v)
		case 4:
			return image.Pt(u, h-1-v)
		case 5:
			return image.Pt(v, u)
		case 6:
			return image.Pt(v, h-1-u)
		case 7:
			return image.Pt(w-1-v, h-1-u)
		case 8:
			return image.Pt(w-1-v, u)
		}
		return image.Pt(u, v)
	}
	p, q := inv(r.Min.X, r.Min.Y), inv(r.Max.X-1, r.Max.Y-1)
	return image.Rect(min(p.X, q.X), min(p.Y, q.Y), max(p.X, q.X)+1, max(p.Y, q.Y)+1)
}

// orient turns and flips img, as stored with EXIF orientation o, upright.
func orient(img *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	uw, uh := w, h
	if o >= 5 {
		uw, uh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, uw, uh))
	for y := range h {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := range w {
			u, v := upright(o, x, y, w, h)
			copy(out.Pix[v*out.Stride+4*u:v*out.Stride+4*u+4], row[4*x:4*x+4])
		}
	}
	return out
}

// shrink averages the blocks of k×k pixels of r in src into one pixel
// each: an RGBA image r.Dx()/k × r.Dy()/k (the last r.Dx()%k columns and
// rows are left out). Averaging Y, Cb and Cr is averaging R, G and B:
// the conversion between them is affine.
func shrink(src *image.YCbCr, r image.Rectangle, k int) *image.RGBA {
	w, h := r.Dx()/k, r.Dy()/k
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	n := k * k
	for y := range h {
		y0 := r.Min.Y + y*k
		for x := range w {
			x0 := r.Min.X + x*k
			var sy, scb, scr int
			for dy := range k {
				yi := src.YOffset(x0, y0+dy)
				for dx := range k {
					sy += int(src.Y[yi+dx])
					ci := src.COffset(x0+dx, y0+dy)
					scb += int(src.Cb[ci])
					scr += int(src.Cr[ci])
				}
			}
			rr, gg, bb := color.YCbCrToRGB(uint8((sy+n/2)/n), uint8((scb+n/2)/n), uint8((scr+n/2)/n))
			i := dst.PixOffset(x, y)
			dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = rr, gg, bb, 0xFF
		}
	}
	return dst
}
