package web

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/http"
	"sync"
)

// The site's icon is the emblem of static/emblem.svg, a yellow star on a red disc.
// Pages point at the SVG; browsers and crawlers that ask for /favicon.ico anyway get
// the same drawing as a 32×32 ICO, drawn here on the first request so that the repository holds
// no binary file that nobody can read.

var (
	emblemRed    = color.NRGBA{0xda, 0x25, 0x1d, 0xff}
	emblemYellow = color.NRGBA{0xff, 0xcd, 0x00, 0xff}
	faviconOnce  sync.Once
	faviconICO   []byte
)

// starPoints are the ten corners of the emblem's star in a 100×100 box, outer and
// inner corners in turn from the top, as static/emblem.svg draws them.
func starPoints() [][2]float64 {
	pts := make([][2]float64, 10)
	for i := range pts {
		r := 34.0
		if i%2 == 1 {
			r = 13.5
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts[i] = [2]float64{50 + r*math.Cos(a), 52 + r*math.Sin(a)}
	}
	return pts
}

// inPolygon tells whether (x, y) lies inside the polygon pts (even–odd rule).
func inPolygon(x, y float64, pts [][2]float64) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		a, b := pts[i], pts[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// emblemImage draws the emblem at size×size pixels, sampling each pixel's centre.
func emblemImage(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	star := starPoints()
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			x, y := (float64(px)+0.5)*100/float64(size), (float64(py)+0.5)*100/float64(size)
			switch {
			case inPolygon(x, y, star):
				img.SetNRGBA(px, py, emblemYellow)
			case (x-50)*(x-50)+(y-50)*(y-50) <= 48*48:
				img.SetNRGBA(px, py, emblemRed)
			}
		}
	}
	return img
}

// icoOf wraps one PNG image in an ICO file: a 6-byte header, one 16-byte directory
// entry, then the PNG itself (allowed in ICO since Windows Vista, read by every
// browser).
func icoOf(img image.Image) []byte {
	var p bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		panic("web: encoding the icon: " + err.Error()) // an in-memory image cannot fail to encode
	}
	size := img.Bounds().Dx()
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, [3]uint16{0, 1, 1}) // reserved, type 1 = icon, one image
	b.Write([]byte{byte(size), byte(size), 0, 0})             // width, height, no palette, reserved
	binary.Write(&b, binary.LittleEndian, [2]uint16{1, 32})   // colour planes, bits per pixel
	binary.Write(&b, binary.LittleEndian, [2]uint32{uint32(p.Len()), 22})
	b.Write(p.Bytes())
	return b.Bytes()
}

// favicon answers /favicon.ico with the emblem.
func (h *handler) favicon(w http.ResponseWriter, r *http.Request) {
	faviconOnce.Do(func() { faviconICO = icoOf(emblemImage(32)) })
	w.Header().Set("Content-Type", "image/x-icon")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(faviconICO)
}
