// main prints what Run returns (or the panic it raises) the way the semantics' test does.
// It is not Goose code: the differential test runs only run.go through the semantics.
package main

import "fmt"

func main() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("panic:", r)
		}
	}()
	fmt.Println(Run())
}
