package main

import (
	"fmt"

	"github.com/goose-lang/primitive/disk"
)

func main() {
	disk.Init(disk.NewMemDisk(4))
	fmt.Println(Run())
}
