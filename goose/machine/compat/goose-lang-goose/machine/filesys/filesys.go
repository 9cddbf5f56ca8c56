// Package filesys is goose-lang's file-system package, mapped onto Armada's file system
// (armada/goose/machine/filesys). Armada's front end reads these calls as filesys calls.
package filesys

import "armada/goose/machine/filesys"

// File is an open file.
type File = filesys.File

// Create makes dir/fname exclusively and opens it for appending; false if it exists.
func Create(dir, fname string) (File, bool) { return filesys.Create(dir, fname) }

// Append writes data at the end of f's file.
func Append(f File, data []byte) { filesys.Append(f, data) }

// Close releases f.
func Close(f File) { filesys.Close(f) }

// Open opens dir/fname read-only.
func Open(dir, fname string) File { return filesys.Open(dir, fname) }

// ReadAt returns up to length bytes of f from offset.
func ReadAt(f File, offset uint64, length uint64) []byte { return filesys.ReadAt(f, offset, length) }

// Delete removes dir/fname.
func Delete(dir, fname string) { filesys.Delete(dir, fname) }

// Link makes newDir/newName name oldDir/oldName; false if the target exists.
func Link(oldDir, oldName, newDir, newName string) bool {
	return filesys.Link(oldDir, oldName, newDir, newName)
}

// List returns the names in dir.
func List(dir string) []string { return filesys.List(dir) }
