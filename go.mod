module armada

go 1.22
