package batch

import (
	"os"

	"golang.org/x/sys/unix"
)

// groupSync: on Linux the directory sink does not sync each PDF; one
// syncfs(2) before each manifest append makes every PDF renamed into place
// since the last one durable at once (data and directory entries), so that
// a row is never durable before its file.
const groupSync = true

// syncFS flushes the whole filesystem that holds f.
func syncFS(f *os.File) error {
	return unix.Syncfs(int(f.Fd()))
}
