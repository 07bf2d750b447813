package photo

// swapsAxes reports whether an EXIF orientation turns the image by a
// quarter turn (5..8), exchanging width and height.
func swapsAxes(orientation int) bool {
	return orientation >= 5 && orientation <= 8
}
