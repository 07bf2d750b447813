package main

import (
	"os"
	"path/filepath"
)

// atomicFile is written under a temporary name and renamed into place on
// Commit, so a failed or interrupted render never leaves a partial PDF.
type atomicFile struct {
	*os.File
	target string
	done   bool
}

func createAtomic(target string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &atomicFile{File: f, target: target}, nil
}

// Commit syncs, closes and renames the file into place.
func (a *atomicFile) Commit() error {
	if err := a.Sync(); err != nil {
		return err
	}
	if err := a.Close(); err != nil {
		return err
	}
	if err := os.Chmod(a.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(a.Name(), a.target); err != nil {
		return err
	}
	a.done = true
	return nil
}

// Abort removes the temporary file unless Commit succeeded.
func (a *atomicFile) Abort() {
	if !a.done {
		a.Close()
		os.Remove(a.Name())
	}
}
