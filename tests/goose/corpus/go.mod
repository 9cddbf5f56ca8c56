module goosecorpus

go 1.22
