//go:build !linux

package batch

import (
	"errors"
	"os"
)

// groupSync is false where there is no syncfs(2): the directory sink syncs
// each PDF before renaming it into place.
const groupSync = false

func syncFS(*os.File) error { return errors.ErrUnsupported }
